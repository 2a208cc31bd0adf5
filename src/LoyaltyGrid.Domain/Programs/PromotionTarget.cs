namespace LoyaltyGrid.Domain.Programs;

/// <summary>Who a promotion is for.</summary>
/// <param name="TierIds">For <see cref="TargetKind.Tiers"/>: the tiers whose members qualify.</param>
/// <param name="LapsedDays">For <see cref="TargetKind.Lapsed"/>: days without a purchase.</param>
public sealed record PromotionTarget(TargetKind Kind, IReadOnlyList<string> TierIds, int LapsedDays)
{
    public static readonly PromotionTarget Everyone = new(TargetKind.AllMembers, [], 0);
}
