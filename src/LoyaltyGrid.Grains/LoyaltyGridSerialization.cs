using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;

namespace LoyaltyGrid.Grains;

/// <summary>
/// Domain records carry no Orleans attributes (the domain library knows nothing of Orleans); between
/// silos they travel as JSON with the journal's settings, and within a silo they are shared, not copied.
/// </summary>
public static class LoyaltyGridSerialization
{
    private static readonly string DomainNamespace = typeof(MemberEvent).Namespace![..^".Members".Length];

    public static bool IsDomainType(Type type) => IsDomainNamespace(type) && !type.IsInterface;

    internal static bool IsDomainNamespace(Type type) =>
        type.Namespace is { } ns && ns.StartsWith(DomainNamespace, StringComparison.Ordinal);

    public static IServiceCollection AddLoyaltyGridSerialization(this IServiceCollection services)
    {
        services.AddSerializer(serializer => serializer.AddJsonSerializer(
            isSerializable: IsDomainType,
            isCopyable: _ => false,
            configureOptions: options => options.Configure(o => o.SerializerOptions = JournalJson.Options)));
        services.AddSingleton<IGeneralizedCopier, ImmutableDomainCopier>();
        services.AddSingleton<ITypeFilter, DomainTypeFilter>();
        return services;
    }
}
