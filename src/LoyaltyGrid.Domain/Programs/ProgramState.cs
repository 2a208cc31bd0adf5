namespace LoyaltyGrid.Domain.Programs;

/// <summary>A program rebuilt from its journal: the rules in force, the requests already carried out, the coupon codes.</summary>
public sealed class ProgramState
{
    private readonly Dictionary<string, ProgramEvent> requests = new(StringComparer.Ordinal);
    private readonly List<ProgramEvent> history = [];
    private readonly Dictionary<string, CouponBatch> couponsByCode = new(StringComparer.Ordinal);

    /// <summary>Sequence of the last applied event; 0 for a program never created.</summary>
    public long Version { get; private set; }

    public ProgramRules? Rules { get; private set; }

    public ProgramEvent? Request(string requestId) => requests.GetValueOrDefault(requestId);

    /// <summary>Every change in the order made: the program's audit trail (who, what, when).</summary>
    public IReadOnlyList<ProgramEvent> History => history;

    public CouponBatch? CouponBatch(string code) => couponsByCode.GetValueOrDefault(code);

    public void Apply(ProgramEvent e, long sequence)
    {
        if (sequence != Version + 1)
        {
            throw new InvalidOperationException($"Program event {sequence} applied after {Version}: the journal has a gap.");
        }
        if (e is ProgramCreated created)
        {
            Rules = new ProgramRules { Settings = created.Settings };
        }
        else
        {
            var rules = Rules ?? throw new InvalidOperationException("A program event came before the program was created.");
            Rules = e switch
            {
                EarningRulesSet set => rules with { Earning = set.Rules },
                ExpiryPolicySet set => rules with { Expiry = set.Policy },
                BirthdayBonusSet set => rules with { BirthdayBonus = set.Bonus.Points > 0 ? set.Bonus : null },
                FeedbackRewardSet set => rules with { FeedbackReward = set.Reward.Points > 0 ? set.Reward : null },
                ReferralRulesSet set => rules with { Referral = set.Rules.ReferrerPoints > 0 || set.Rules.RefereePoints > 0 ? set.Rules : null },
                TierPolicySet set => rules with { TierPolicy = set.Policy },
                MessagingPolicySet set => rules with { Messaging = set.Policy },
                EngagementBonusesSet set => rules with { EngagementBonuses = set.Bonuses },
                EventRuleUpserted upsert => rules with { EventRules = WithEventRule(rules.EventRules, upsert.Rule) },
                EventRuleEnded ended => rules with
                {
                    EventRules = rules.EventRules
                        .Select(r => r.EventType == ended.EventType ? r with { EndedAt = ended.EndedAt } : r)
                        .ToArray(),
                },
                SegmentDefined defined => rules with
                {
                    Segments = rules.Segments.Any(x => x.SegmentId == defined.Segment.SegmentId)
                        ? rules.Segments.Select(x => x.SegmentId == defined.Segment.SegmentId ? defined.Segment : x).ToArray()
                        : [.. rules.Segments, defined.Segment],
                },
                TierUpserted upsert => rules with { Tiers = WithTier(rules.Tiers, upsert.Tier) },
                PromotionCreated promotion => rules with { Promotions = [.. rules.Promotions, promotion.Promotion] },
                PromotionEnded ended => rules with
                {
                    Promotions = rules.Promotions
                        .Select(p => p.PromotionId == ended.PromotionId ? p with { EndedAt = ended.EndedAt } : p)
                        .ToArray(),
                },
                ExpiredPointsReinstated r => rules with { Reinstatements = [.. rules.Reinstatements, r.Reinstatement] },
                Coalitions.CoalitionEvent c => rules with { Coalition = c.ApplyTo(rules.Coalition) },
                Benefits.BenefitPublished published => rules with { Benefits = [.. rules.Benefits, published.Benefit] },
                Benefits.BenefitRetired retired => rules with
                {
                    Benefits = rules.Benefits
                        .Select(b => b.BenefitId == retired.BenefitId ? b with { RetiredAt = retired.RetiredAt, RetiredBy = retired.Actor } : b)
                        .ToArray(),
                },
                _ => rules,
            };
            Rules = Rules with { Version = rules.Version + 1 };
        }
        if (e is CouponsIssued issued)
        {
            foreach (var code in issued.Batch.Codes)
            {
                couponsByCode[code] = issued.Batch;
            }
        }
        requests[e.RequestId] = e;
        history.Add(e);
        Version = sequence;
    }

    /// <summary>The event rules with <paramref name="rule"/> added at the end, or replacing the one of its type in place.</summary>
    public static IReadOnlyList<EventRule> WithEventRule(IReadOnlyList<EventRule> rules, EventRule rule) =>
        rules.Any(r => r.EventType == rule.EventType)
            ? rules.Select(r => r.EventType == rule.EventType ? rule : r).ToArray()
            : [.. rules, rule];

    /// <summary>The tiers with <paramref name="tier"/> added or replaced, ordered by threshold.</summary>
    public static IReadOnlyList<TierDefinition> WithTier(IReadOnlyList<TierDefinition> tiers, TierDefinition tier) =>
        tiers.Where(t => t.TierId != tier.TierId).Append(tier).OrderBy(t => t.Threshold).ToArray();
}
