using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Storage.Insights;

namespace LoyaltyGrid.Grains.Insights;

/// <summary>
/// The settlement part of a batch: each member event's figures by the domain's rules (<see cref="SettlementAttribution"/>),
/// summed per program, UTC day and party for every program, and kept per event for coalition programs, with the
/// origins of purchases and holds at partners and the benefit uses. What <c>SettlementGrain</c> reads.
/// </summary>
public sealed class SettlementProjector(SettlementScope scope)
{
    private readonly Dictionary<(string, DateOnly, string), SettlementFigures> days = [];
    private readonly List<SettlementEntryChange> entries = [];
    private readonly Dictionary<SettlementOriginKey, SettlementOriginRow?> origins = [];
    private readonly List<BenefitUseChange> benefitUses = [];
    private readonly List<RewardRedemptionChange> rewardRedemptions = [];
    private readonly Dictionary<string, SettlementAttribution> attributions = new(StringComparer.Ordinal);

    /// <summary>The purchases and holds that events of coalition programs in the batch refer to but that are not in it: to be read from the store first.</summary>
    public static IReadOnlyCollection<SettlementOriginKey> OriginsToRead(IReadOnlyList<DecodedMemberEvent> batch, IReadOnlyDictionary<string, Coalition> coalitions)
    {
        var inBatch = new HashSet<SettlementOriginKey>();
        var needed = new HashSet<SettlementOriginKey>();
        foreach (var d in batch)
        {
            if (!coalitions.ContainsKey(d.ProgramId))
            {
                continue;
            }
            switch (d.Event)
            {
                case PurchaseRecorded p:
                    inBatch.Add(new SettlementOriginKey(d.ProgramId, d.MemberId, false, p.TransactionId));
                    break;
                case RedemptionAuthorized h:
                    inBatch.Add(new SettlementOriginKey(d.ProgramId, d.MemberId, true, h.HoldId));
                    break;
                default:
                    if (ReferredOrigin(d) is { } key && !inBatch.Contains(key))
                    {
                        needed.Add(key);
                    }
                    break;
            }
        }
        return needed;
    }

    public void Add(DecodedMemberEvent d)
    {
        var coalition = scope.Coalitions.GetValueOrDefault(d.ProgramId);
        var attribution = Attribution(d.ProgramId, coalition);
        SettlementOrigin? origin = null;
        switch (d.Event)
        {
            case PurchaseRecorded purchase:
                origin = attribution.OriginOf(purchase);
                Remember(new SettlementOriginKey(d.ProgramId, d.MemberId, false, purchase.TransactionId), origin, coalition);
                if (coalition is not null)
                {
                    foreach (var benefit in purchase.AppliedBenefitIds)
                    {
                        benefitUses.Add(new BenefitUseChange(d.ProgramId, purchase.RecordedAt, purchase.MerchantId, benefit));
                    }
                }
                break;
            case RedemptionAuthorized hold:
                Remember(new SettlementOriginKey(d.ProgramId, d.MemberId, true, hold.HoldId), attribution.OriginOf(hold), coalition);
                break;
            // Counted by the day the points moved: a cancellation refunded in a later period counts there, against it.
            case RewardRedeemed reward when coalition is not null:
                rewardRedemptions.Add(new RewardRedemptionChange(d.ProgramId, reward.RecordedAt, reward.PartnerId ?? "", reward.RewardId, 1, reward.Points));
                break;
            case RewardRedemptionRefunded refund when coalition is not null:
                rewardRedemptions.Add(new RewardRedemptionChange(d.ProgramId, refund.RecordedAt, refund.PartnerId ?? "", refund.RewardId, -1, -refund.Points));
                break;
            default:
                if (coalition is not null && ReferredOrigin(d) is { } key)
                {
                    origin = Lookup(key);
                }
                break;
        }
        Count(d.ProgramId, SettlementAttribution.Entry(d.Event, origin, d.StreamId, d.Sequence), coalition is not null);
        if (coalition is not null && SettlementAttribution.ReferralFee(d.Event) is var (earned, owed))
        {
            Count(d.ProgramId, earned, keepEntry: true);
            Count(d.ProgramId, owed, keepEntry: true);
        }
    }

    private void Count(string programId, SettlementEntry entry, bool keepEntry)
    {
        if (entry.Amounts.IsZero)
        {
            return;
        }
        var figures = entry.Amounts.ToFigures();
        var dayKey = (programId, DateOnly.FromDateTime(entry.RecordedAt.UtcDateTime), entry.MerchantId);
        days[dayKey] = days.GetValueOrDefault(dayKey) + figures;
        if (keepEntry)
        {
            entries.Add(new SettlementEntryChange(programId, entry.RecordedAt, entry.MerchantId, figures));
        }
    }

    public InsightsBatch AddTo(InsightsBatch batch) => batch with
    {
        SettlementDays = [.. days.Select(kv => new SettlementDayChange(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Value))],
        SettlementEntries = entries,
        SettlementOrigins = [.. origins.Values.OfType<SettlementOriginRow>()],
        BenefitUses = benefitUses,
        RewardRedemptions = rewardRedemptions,
    };

    private static SettlementOriginKey? ReferredOrigin(DecodedMemberEvent d) => d.Event switch
    {
        ReturnRecorded r => new SettlementOriginKey(d.ProgramId, d.MemberId, false, r.TransactionId),
        EarningCancelled { TransactionId: { } tx } => new SettlementOriginKey(d.ProgramId, d.MemberId, false, tx),
        RedemptionCaptured c => new SettlementOriginKey(d.ProgramId, d.MemberId, true, c.HoldId),
        _ => null,
    };

    private SettlementAttribution Attribution(string programId, Coalition? coalition)
    {
        if (!attributions.TryGetValue(programId, out var attribution))
        {
            attributions[programId] = attribution = new SettlementAttribution(coalition);
        }
        return attribution;
    }

    /// <summary>Only an origin at a partner is stored: a missing one is the operator's, as it is for a purchase the projection never saw.</summary>
    private void Remember(SettlementOriginKey key, SettlementOrigin? origin, Coalition? coalition)
    {
        if (coalition is not null)
        {
            origins[key] = origin is null ? null : new SettlementOriginRow(key, origin.MerchantId, origin.PriceMinorPerThousandPoints);
        }
    }

    private SettlementOrigin? Lookup(SettlementOriginKey key)
    {
        var row = origins.TryGetValue(key, out var inBatch) ? inBatch : scope.Origins.GetValueOrDefault(key);
        return row is null ? null : new SettlementOrigin(row.MerchantId, row.PriceMinorPerThousandPoints);
    }
}
