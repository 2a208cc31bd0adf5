using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddGrpcHealthChecks(options => options.UseHealthChecksCache = false)
            .AddCheck<StorageHealthCheck>("storage");
        services.AddGrpcReflection();
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
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
