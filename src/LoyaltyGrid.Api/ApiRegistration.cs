using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LoyaltyGrid.Api;

public static class ApiRegistration
{
    /// <summary>gRPC with the error mapper, API key checks, health checking and reflection.</summary>
    public static IServiceCollection AddLoyaltyGridApi(this IServiceCollection services)
    {
        services.AddGrpc(options =>
        {
            // Outermost first: refusals from the access check are mapped like any other.
            options.Interceptors.Add<ErrorMappingInterceptor>();
            options.Interceptors.Add<AccessInterceptor>();
            options.MaxReceiveMessageSize = 1024 * 1024;
        });
        // Registered, so grpc-dotnet takes one instance of each instead of creating them per call; both hold no per-call
        // state, and the access check keeps the headers it has verified (AccessInterceptor).
        services.AddSingleton<ErrorMappingInterceptor>();
        services.AddSingleton<AccessInterceptor>();
        services.AddGrpcHealthChecks(options => options.UseHealthChecksCache = false)
            .AddCheck<StorageHealthCheck>("storage");
        services.AddGrpcReflection();
        // Every service is bound by our binder, which answers an undecodable request INVALID_ARGUMENT (see
        // MalformedRequestMethodProvider), instead of grpc-dotnet's own; both at once would map every method twice.
        var grpcBinder = services.SingleOrDefault(d =>
            d.ServiceType == typeof(IServiceMethodProvider<>) && d.ImplementationType is { Name: "BinderServiceMethodProvider`1" })
            ?? throw new InvalidOperationException("grpc-dotnet no longer registers BinderServiceMethodProvider<>; see MalformedRequestMethodProvider.");
        services.Remove(grpcBinder);
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(MalformedRequestMethodProvider<>)));
        services.AddSingleton<MemberGrains>();
        return services;
    }

    public static IEndpointRouteBuilder MapLoyaltyGridApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ProgramsService>();
        endpoints.MapGrpcService<CoalitionsService>();
        endpoints.MapGrpcService<MembersService>();
        endpoints.MapGrpcService<CheckoutService>();
        endpoints.MapGrpcService<DiagnosticsService>();
        endpoints.MapGrpcService<AccessService>();
        endpoints.MapGrpcService<BenefitsService>();
        endpoints.MapGrpcService<FeedbackService>();
        endpoints.MapGrpcService<ReferralsService>();
        endpoints.MapGrpcService<SegmentsService>();
        endpoints.MapGrpcService<MessagesService>();
        endpoints.MapGrpcService<RewardsService>();
        endpoints.MapGrpcService<OffersService>();
        endpoints.MapGrpcService<InsightsService>();
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
