using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// What GetMember shows beyond the balance: the tier with its benefits and the way to the next one, points
/// expiring within <see cref="ExpiringWindowDays"/> days, and punch card progress.
/// </summary>
public sealed record MemberOverview(
    TierSnapshot? Tier,
    DateTimeOffset? TierSince,
    DateTimeOffset? TierReviewAt,
    long TierMetric,
    TierSnapshot? NextTier,
    long NextTierNeeds,
    IReadOnlyList<ExpiringPoints> Expiring,
    IReadOnlyList<PunchCardChange> PunchCards)
{
    public const int ExpiringWindowDays = 30;

    /// <summary>Purchases recorded and not wholly returned (<see cref="MemberState.KeptPurchaseCount"/>).</summary>
    public long PurchaseCount { get; init; }

    /// <summary>The earliest purchase recorded (returned or not), or null if none.</summary>
    public DateTimeOffset? FirstPurchaseAt { get; init; }

    /// <summary>The latest purchase recorded (returned or not), or null if none.</summary>
    public DateTimeOffset? LastPurchaseAt { get; init; }

    /// <summary>The tier was assigned by hand (AssignTier), until <see cref="TierAssignedUntil"/> (null: no end).</summary>
    public bool TierAssigned { get; init; }

    public DateTimeOffset? TierAssignedUntil { get; init; }

    /// <summary>Bounce-back coupons the member can still use, oldest first.</summary>
    public IReadOnlyList<BounceBackCoupon> BounceBackCoupons { get; init; } = [];

    public static MemberOverview Of(MemberState state, ProgramRules rules, DateTimeOffset now)
    {
        // The metric scans the purchase history; a program without tiers has no use for it.
        var metric = rules.Tiers.Count > 0 ? state.TierMetricAt(rules.TierPolicy, now) : 0;
        var rank = rules.RankOf(state.Tier.TierId);
        var next = rank < rules.Tiers.Count ? rules.Tiers[rank] : null;
        var punchCards = rules.Promotions
            .Where(p => p.Rule is PunchCardRule && (state.PunchProgress.ContainsKey(p.PromotionId) || (p.StartsAt <= now && now < p.EffectiveEnd)))
            .Select(p => new PunchCardChange(p.PromotionId, state.PunchProgress.GetValueOrDefault(p.PromotionId),
                state.PunchProgress.GetValueOrDefault(p.PromotionId), ((PunchCardRule)p.Rule).Required, 0))
            .ToArray();
        return new MemberOverview(
            TierSnapshot.Of(rules.Tier(state.Tier.TierId)), state.Tier.Since, rules.TierPolicy.Reviews ? state.Tier.ReviewAt : null, metric,
            TierSnapshot.Of(next), next is null ? 0 : Math.Max(0, next.Threshold - metric),
            ExpiringSoon(state, rules, now), punchCards)
        {
            PurchaseCount = state.KeptPurchaseCount,
            FirstPurchaseAt = state.FirstPurchaseAt,
            LastPurchaseAt = state.LastPurchaseAt,
            TierAssigned = state.Tier.Assigned,
            TierAssignedUntil = state.Tier.AssignedUntil,
            BounceBackCoupons = state.BounceBackCoupons.Where(c => c.ValidUntil > now).ToArray(),
        };
    }

    /// <summary>Available points that will expire within the window unless spent, soonest first.</summary>
    public static IReadOnlyList<ExpiringPoints> ExpiringSoon(MemberState state, ProgramRules rules, DateTimeOffset now)
    {
        var horizon = now.AddDays(ExpiringWindowDays);
        var expiring = new List<ExpiringPoints>();
        if (rules.Expiry.Kind == ExpiryKind.FifoLots)
        {
            // The same lots, and the same parts of them, that expiry itself will take: held points never expire.
            foreach (var (lot, points) in state.ExpirableLots())
            {
                if (lot.ExpiresAt is not null)
                {
                    continue; // dated lots, below
                }
                var at = rules.Expiry.DueAfter(lot.EarnedAt, rules.Settings.TimeZone);
                if (at > horizon)
                {
                    break;
                }
                if (expiring.Count > 0 && expiring[^1].ExpiresAt == at)
                {
                    expiring[^1] = expiring[^1] with { Points = expiring[^1].Points + points };
                }
                else
                {
                    expiring.Add(new ExpiringPoints(points, at));
                }
            }
        }
        else if (rules.Expiry.Kind == ExpiryKind.Inactivity && state.Balance.Available > 0 && state.Profile is { } profile)
        {
            var at = rules.Expiry.DueAfter(state.LastActivityAt ?? profile.EnrolledAt, rules.Settings.TimeZone);
            if (at <= horizon)
            {
                expiring.Add(new ExpiringPoints(state.Balance.Available, at));
            }
        }
        // Lots with their own date (credit adjustments) expire then whatever the policy; an inactivity lapse before
        // them takes them with everything else, one after them finds them gone.
        if (!state.HasDatedLots)
        {
            return expiring;
        }
        var lapse = rules.Expiry.Kind == ExpiryKind.Inactivity && expiring.Count > 0 ? expiring[0].ExpiresAt : (DateTimeOffset?)null;
        var dated = state.ExpirableLots().Where(l => l.Lot.ExpiresAt <= horizon && (lapse is null || l.Lot.ExpiresAt < lapse)).ToArray();
        if (dated.Length == 0)
        {
            return expiring;
        }
        var merged = new SortedDictionary<DateTimeOffset, long>();
        foreach (var x in expiring)
        {
            merged[x.ExpiresAt] = lapse is null ? x.Points : x.Points - dated.Sum(l => l.Expirable);
        }
        foreach (var (lot, points) in dated)
        {
            merged[lot.ExpiresAt!.Value] = merged.GetValueOrDefault(lot.ExpiresAt!.Value) + points;
        }
        return merged.Where(x => x.Value > 0).Select(x => new ExpiringPoints(x.Value, x.Key)).ToArray();
    }
}
