using Orleans.Serialization;

namespace LoyaltyGrid.Grains;

/// <summary>
/// Lets a receiving silo accept the name of any domain type, abstract ones included. The JSON codec allows only the
/// concrete types it serializes, but Orleans also writes a value's generic arguments by name: a reply such as
/// <c>GrainReply&lt;IReadOnlyList&lt;ProgramEvent&gt;&gt;</c> (a <c>List&lt;ProgramEvent&gt;</c> inside) names the
/// abstract <c>ProgramEvent</c>, and without this filter it was refused between silos ("is not allowed") though it
/// worked within one. Naming an abstract type creates nothing; every value is still a concrete type the codec checks.
/// </summary>
internal sealed class DomainTypeFilter : ITypeFilter
{
    public bool? IsTypeAllowed(Type type) => LoyaltyGridSerialization.IsDomainNamespace(type) ? true : null;
}
