using LoyaltyGrid.Domain.Benefits;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// Everything a checkout needs to know about a program, as of one version. Immutable: a change makes a new
/// instance with a higher <see cref="Version"/>, which every silo swaps in whole.
/// </summary>
public sealed record ProgramRules
{
    public required ProgramSettings Settings { get; init; }

    /// <summary>The number of changes made to the program since it was created (0 for a new program).</summary>
    public long Version { get; init; }

    public EarningRules Earning { get; init; } = EarningRules.Default;

    public ExpiryPolicy Expiry { get; init; } = ExpiryPolicy.Never;

    /// <summary>Points once a year on a member's birthday (day or month); null: none.</summary>
    public BirthdayBonus? BirthdayBonus { get; init; }

    /// <summary>Points per completed feedback; null: none.</summary>
    public FeedbackReward? FeedbackReward { get; init; }

    /// <summary>Null: referrals are off (no rules, or both rewards 0).</summary>
    public ReferralRules? Referral { get; init; }

    public TierPolicy TierPolicy { get; init; } = TierPolicy.Default;

    /// <summary>Quiet hours, caps and thresholds of member messages (Messages.SetMessagingPolicy).</summary>
    public LoyaltyGrid.Domain.Messaging.MessagingPolicy Messaging { get; init; } = LoyaltyGrid.Domain.Messaging.MessagingPolicy.Default;

    /// <summary>Points on enrolment and on the first marketing consent; off by default.</summary>
    public EngagementBonuses EngagementBonuses { get; init; } = EngagementBonuses.None;

    /// <summary>Custom event rules (RecordEvent), ended ones included, in the order first created.</summary>
    public IReadOnlyList<EventRule> EventRules { get; init; } = [];

    /// <summary>Ordered by threshold, lowest first; thresholds strictly increase.</summary>
    public IReadOnlyList<TierDefinition> Tiers { get; init; } = [];

    /// <summary>Every promotion ever created, ended ones included (returns of old purchases refer to them).</summary>
    public IReadOnlyList<Promotion> Promotions { get; init; } = [];

    /// <summary>Program-wide reinstatements of expired points; each member applies the ones it has not yet applied.</summary>
    public IReadOnlyList<Reinstatement> Reinstatements { get; init; } = [];

    /// <summary>The operator and partner merchants when the program is a coalition; null for a plain retail program.</summary>
    public Coalitions.Coalition? Coalition { get; init; }

    /// <summary>Every shared benefit ever published, retired ones included (purchases and audits refer to them).</summary>
    public IReadOnlyList<Benefit> Benefits { get; init; } = [];

    /// <summary>Member segments, in the order first defined; a redefinition replaces one in place.</summary>
    public IReadOnlyList<Segment> Segments { get; init; } = [];

    public string ProgramId => Settings.ProgramId;

    public TierDefinition? Tier(string? tierId)
    {
        // A loop, not FirstOrDefault: every purchase asks, and the lambda would capture tierId (an allocation each time).
        for (var i = 0; tierId is not null && i < Tiers.Count; i++)
        {
            if (Tiers[i].TierId == tierId)
            {
                return Tiers[i];
            }
        }
        return null;
    }

    /// <summary>0 for no tier, then 1, 2, … from the lowest tier up.</summary>
    public int RankOf(string? tierId)
    {
        for (var i = 0; i < Tiers.Count; i++)
        {
            if (Tiers[i].TierId == tierId)
            {
                return i + 1;
            }
        }
        return 0;
    }

    public Promotion? Promotion(string promotionId) => Promotions.FirstOrDefault(p => p.PromotionId == promotionId);

    public EventRule? EventRule(string eventType) => EventRules.FirstOrDefault(r => r.EventType == eventType);

    public Segment? Segment(string segmentId) => Segments.FirstOrDefault(s => s.SegmentId == segmentId);

    public Benefit? Benefit(string benefitId) => Benefits.FirstOrDefault(b => b.BenefitId == benefitId);
}
