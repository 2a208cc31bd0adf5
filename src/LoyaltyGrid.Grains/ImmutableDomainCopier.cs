using Orleans.Serialization.Cloning;

namespace LoyaltyGrid.Grains;

/// <summary>
/// Domain values that cross grain calls are immutable records, so a local call may share the instance
/// instead of deep-copying it (which, through the JSON codec, would serialize it twice on the hot path).
/// </summary>
internal sealed class ImmutableDomainCopier : IGeneralizedCopier
{
    public bool IsSupportedType(Type type) => LoyaltyGridSerialization.IsDomainType(type);

    public object? DeepCopy(object? input, CopyContext context) => input;
}
