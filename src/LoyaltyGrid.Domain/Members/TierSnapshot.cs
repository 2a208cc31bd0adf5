namespace LoyaltyGrid.Domain.Members;

/// <summary>A member's tier as shown at checkout and by GetMember: its name and benefits.</summary>
public sealed record TierSnapshot(string TierId, string Name, long EarnMultiplierPercent, IReadOnlyList<string> Benefits)
{
    public static TierSnapshot? Of(Programs.TierDefinition? tier) =>
        tier is null ? null : new TierSnapshot(tier.TierId, tier.Name, tier.EarnMultiplierPercent, tier.Benefits);
}
