using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyGrid.Api;

public static class ApiRegistration
{
    /// <summary>gRPC with the error mapper, health checking and reflection.</summary>
    public static IServiceCollection AddLoyaltyGridApi(this IServiceCollection services)
    {
        services.AddGrpc(options =>
        {
            options.Interceptors.Add<ErrorMappingInterceptor>();
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
        endpoints.MapGrpcService<MembersService>();
        endpoints.MapGrpcService<CheckoutService>();
        endpoints.MapGrpcService<DiagnosticsService>();
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
