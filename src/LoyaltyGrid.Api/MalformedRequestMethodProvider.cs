using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace LoyaltyGrid.Api;

/// <summary>
/// Binds a generated gRPC service's methods the way grpc-dotnet's own binder does, but with a request marshaller that
/// turns an undecodable body (truncated, invalid UTF-8 in a string, an unknown wire type) into INVALID_ARGUMENT
/// <c>MALFORMED_REQUEST</c>. grpc-dotnet decodes the request before any interceptor runs and answers a decoding failure
/// UNKNOWN "Exception was thrown by handler.", so the error mapper never sees it: the marshaller is the only place that
/// does. It replaces grpc-dotnet's binder (see <see cref="ApiRegistration"/>) for every service, health and reflection too.
/// </summary>
internal sealed class MalformedRequestMethodProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] TService>
    : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        // The generated base class names its static BindService(ServiceBinderBase, TBase) method.
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } bind)
            {
                var method = bind.BindType.GetMethod(bind.BindMethodName, BindingFlags.Public | BindingFlags.Static, null,
                    [typeof(ServiceBinderBase), type], null)
                    ?? throw new InvalidOperationException($"{bind.BindType} has no {bind.BindMethodName}(ServiceBinderBase, {type}).");
                method.Invoke(null, [new MalformedRequestBinder<TService>(context, type), null]);
                return;
            }
        }
    }
}
