namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// A purchase and everything it earned. <see cref="Points"/> is the sum of <see cref="Components"/>; they go to
/// pending until <see cref="PendingUntil"/> when the program has a return window, else straight to available.
/// </summary>
/// <param name="TotalMinor">The basket before discounts.</param>
/// <param name="Rule">Kept for statements written before components existed: always "base-rate".</param>
public sealed record PurchaseRecorded(
    string TransactionId,
    string MerchantId,
    string StoreId,
    string TerminalId,
    string Currency,
    IReadOnlyList<PurchaseLine> Lines,
    long TotalMinor,
    long Points,
    string Rule) : MemberEvent
{
    /// <summary>Where the points came from, one entry per rule or promotion.</summary>
    public IReadOnlyList<PointsComponent> Components { get; init; } = [];

    /// <summary>Each line's amount after discounts, in the order of <see cref="Lines"/>.</summary>
    public IReadOnlyList<long> LineNetMinor { get; init; } = [];

    /// <summary>Each line's net amount if it counts towards spend (0 for excluded categories).</summary>
    public IReadOnlyList<long> LineQualifyingMinor { get; init; } = [];

    public IReadOnlyList<DiscountLine> Discounts { get; init; } = [];

    public IReadOnlyList<PunchLine> PunchLines { get; init; } = [];

    public IReadOnlyList<PunchCardChange> PunchCards { get; init; } = [];

    public IReadOnlyList<CouponOutcome> Coupons { get; init; } = [];

    /// <summary>Promotions that gave this purchase something; each counts once towards its per-member limit.</summary>
    public IReadOnlyList<string> PromotionsUsed { get; init; } = [];

    /// <summary>The shared benefits the member could use at this merchant when the purchase happened.</summary>
    public IReadOnlyList<Benefits.BenefitOffer> EligibleBenefits { get; init; } = [];

    /// <summary>The benefits the POS applied (each one of <see cref="EligibleBenefits"/>): usage counted per partner.</summary>
    public IReadOnlyList<string> AppliedBenefitIds { get; init; } = [];

    /// <summary>When the points become available; null if they were available at once.</summary>
    public DateTimeOffset? PendingUntil { get; init; }

    /// <summary>The member's tier after this purchase (null: none).</summary>
    public TierSnapshot? Tier { get; init; }

    /// <summary>Coupons for a later visit this purchase earned the member (bounce-back promotions).</summary>
    public IReadOnlyList<BounceBackCoupon> BounceBackCoupons { get; init; } = [];

    public long QualifyingMinor => LineQualifyingMinor.Sum();

    public long DiscountMinor => Discounts.Sum(d => d.AmountMinor);

    public override Balance ApplyTo(Balance before) => PendingUntil is null
        ? before with { Available = before.Available + Points, LifetimeEarned = before.LifetimeEarned + Points }
        : before with { Pending = before.Pending + Points, LifetimeEarned = before.LifetimeEarned + Points };
}
