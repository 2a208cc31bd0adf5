namespace LoyaltyGrid.Domain.Programs;

public enum TargetKind
{
    AllMembers,

    /// <summary>Members whose current tier is listed.</summary>
    Tiers,

    /// <summary>Members with no purchase yet.</summary>
    FirstTimeCustomers,

    /// <summary>Members who bought before but not in the last <see cref="PromotionTarget.LapsedDays"/> days.</summary>
    Lapsed,
}
