using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using LoyaltyGrid.Domain;
using Microsoft.AspNetCore.Routing;

namespace LoyaltyGrid.Api;

/// <summary>
/// What the generated BindService calls once per method: adds it to grpc-dotnet with its request marshaller guarded
/// (see <see cref="MalformedRequestMethodProvider{TService}"/>), its handler the service's override, and the
/// endpoint metadata grpc-dotnet's binder gives (the service's and method's attributes, POST).
/// </summary>
internal sealed class MalformedRequestBinder<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] TService>(
    ServiceMethodProviderContext<TService> context, Type baseType) : ServiceBinderBase where TService : class
{
    public const string Reason = "MALFORMED_REQUEST";

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
        context.AddUnaryMethod(Guarded(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<ServerStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        context.AddServerStreamingMethod(Guarded(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<ClientStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
        context.AddClientStreamingMethod(Guarded(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        context.AddDuplexStreamingMethod(Guarded(method), metadata, invoker);
    }

    private static Method<TRequest, TResponse> Guarded<TRequest, TResponse>(Method<TRequest, TResponse> method)
    {
        var decode = method.RequestMarshaller.ContextualDeserializer;
        var requestMarshaller = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, body =>
        {
            try
            {
                return decode(body);
            }
            catch (InvalidProtocolBufferException ex)
            {
                // grpc-dotnet answers an RpcException thrown here with its status and trailers, as from a handler.
                throw ErrorMappingInterceptor.ToRpcException(new LoyaltyError(ErrorKind.InvalidArgument, Reason,
                    $"The request body is not a valid {method.FullName} request message: {ex.Message}"));
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, requestMarshaller, method.ResponseMarshaller);
    }

    private (TDelegate Invoker, List<object> Metadata) Handler<TDelegate>(string name, params Type[] parameters) where TDelegate : Delegate
    {
        var handler = Override(name, parameters)
            ?? throw new InvalidOperationException($"{typeof(TService)} does not override {baseType}.{name}.");
        var metadata = new List<object>();
        // As grpc-dotnet's binder: the service's attributes first, the method's after them (they take precedence).
        metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
        metadata.AddRange(handler.GetCustomAttributes(inherit: true));
        metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
        return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
    }

    /// <summary>The public instance method of TService that overrides the generated base's virtual one.</summary>
    private MethodInfo? Override(string name, Type[] parameters)
    {
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, null, parameters, null);
            if (method is null)
            {
                return null;
            }
            if (method.IsVirtual && method.GetBaseDefinition().DeclaringType == baseType)
            {
                return method;
            }
        }
        return null;
    }
}
