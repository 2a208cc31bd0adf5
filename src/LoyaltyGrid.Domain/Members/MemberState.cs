using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Everything known about one member, rebuilt by applying the member's journal in order.
/// Serializable as a snapshot; changed only by <see cref="Apply"/>.
/// </summary>
public sealed class MemberState
{
    /// <summary>Sequence of the last applied event; 0 for a member never enrolled.</summary>
    public long Version { get; set; }

    public MemberProfile? Profile { get; set; }

    public Balance Balance { get; set; } = Balance.Zero;

    public Dictionary<string, PurchaseRecord> Purchases { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, HoldRecord> Holds { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, RequestRecord> Requests { get; set; } = new(StringComparer.Ordinal);

    public TierStatus Tier { get; set; } = TierStatus.None;

    /// <summary>How often each promotion has given this member something (returns give uses back).</summary>
    public Dictionary<string, int> PromotionUses { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Stamps on each punch card: 0 to the card's size; a full card makes the next qualifying item free.</summary>
    public Dictionary<string, long> PunchProgress { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Purchases whose points are still pending, and when they become available.</summary>
    public Dictionary<string, DateTimeOffset> PendingUntil { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Available points by when they were earned, oldest first.</summary>
    public List<PointsLot> Lots { get; set; } = [];

    public List<Expiration> Expirations { get; set; } = [];

    /// <summary>The last purchase or redemption, for expiry after inactivity.</summary>
    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>Purchases not wholly returned: kept as a count so promotion targeting does not scan the history.</summary>
    public int KeptPurchaseCount { get; set; }

    /// <summary>When the latest purchase not wholly returned happened.</summary>
    public DateTimeOffset? LastKeptPurchaseAt { get; set; }

    public void Apply(MemberEvent e, long sequence)
    {
        if (sequence != Version + 1)
        {
            throw new InvalidOperationException($"Event {sequence} applied after {Version}: the journal has a gap.");
        }
        switch (e)
        {
            case MemberEnrolled enrolled:
                Profile = new MemberProfile(enrolled.ProgramId, enrolled.MemberId, enrolled.CardAlias, enrolled.RecordedAt);
                break;
            case MemberImported imported:
                ApplyImport(imported);
                break;
            case PurchaseRecorded purchase:
                ApplyPurchase(purchase);
                break;
            case ReturnRecorded ret:
                ApplyReturn(ret);
                break;
            case RedemptionAuthorized hold:
                Holds[hold.HoldId] = new HoldRecord(hold.HoldId, hold.Points, hold.ExpiresAt, HoldStatus.Open, hold.MerchantId);
                break;
            case RedemptionCaptured capture:
                Holds[capture.HoldId] = Holds[capture.HoldId] with { Status = HoldStatus.Captured };
                UseLots(capture.Points, preferredLot: null);
                Touch(capture.OccurredAt);
                break;
            case RedemptionReleased release:
                Holds[release.HoldId] = Holds[release.HoldId] with
                {
                    Status = release.Reason == HoldReleaseReason.Expired ? HoldStatus.Expired : HoldStatus.Voided,
                };
                break;
            case PointsMatured matured:
                Purchases[matured.TransactionId].PendingPoints = 0;
                PendingUntil.Remove(matured.TransactionId);
                AddLot(matured.TransactionId, matured.EarnedAt, matured.Points);
                break;
            case PointsExpired expired:
                // A lot expires only the part not held; what a later void gives back expires then.
                UseLots(expired.Points, preferredLot: expired.LotIds.FirstOrDefault());
                if (expired.Points > 0)
                {
                    Expirations.Add(new Expiration { ExpiryId = sequence, ExpiredAt = expired.OccurredAt, Points = expired.Points });
                }
                break;
            case PointsReinstated reinstated:
                foreach (var expiration in Expirations.Where(x => reinstated.ExpiryIds.Contains(x.ExpiryId)))
                {
                    expiration.Reinstated = true;
                }
                AddLot($"reinstated-{sequence}", reinstated.OccurredAt, reinstated.Points);
                Touch(reinstated.OccurredAt);
                break;
            case TierChanged tier:
                Tier = new TierStatus(tier.ToTierId,
                    tier.Reason == TierChangeReason.Retained ? Tier.Since : tier.OccurredAt,
                    tier.ReviewAt);
                break;
        }
        Balance = e.ApplyTo(Balance);
        if (e.RequestId is { } requestId && e.Fingerprint is { } fingerprint)
        {
            Requests[requestId] = new RequestRecord(fingerprint, e.RecordedAt, e);
        }
        Version = sequence;
    }

    /// <summary>Purchases that still count: not wholly returned.</summary>
    public IEnumerable<PurchaseRecord> KeptPurchases() => Purchases.Values.Where(p => !p.FullyReturned);

    /// <summary>The tier metric over the policy's window ending at <paramref name="at"/>.</summary>
    public long TierMetricAt(TierPolicy policy, DateTimeOffset at)
    {
        var from = at.AddMonths(-policy.WindowMonths);
        long sum = 0;
        foreach (var purchase in Purchases.Values)
        {
            if (purchase.OccurredAt > from && purchase.OccurredAt <= at)
            {
                sum += policy.Metric == TierMetric.QualifyingSpend
                    ? purchase.KeptQualifying
                    : purchase.Points - purchase.ReversedPoints;
            }
        }
        return sum;
    }

    /// <summary>The earliest time something is due for this member (a hold expires, points mature or expire, a tier review), or null.</summary>
    public DateTimeOffset? NextDue(ProgramRules rules)
    {
        DateTimeOffset? next = null;
        void Consider(DateTimeOffset? at)
        {
            if (at is { } t && (next is null || t < next))
            {
                next = t;
            }
        }
        foreach (var hold in Holds.Values)
        {
            if (hold.Status == HoldStatus.Open)
            {
                Consider(hold.ExpiresAt);
            }
        }
        foreach (var until in PendingUntil.Values)
        {
            Consider(until);
        }
        if (rules.Expiry.Kind == ExpiryKind.FifoLots && ExpirableLots().FirstOrDefault() is { Lot: { } lot })
        {
            Consider(lot.EarnedAt.AddMonths(rules.Expiry.Months));
        }
        if (Balance.Available > 0 && rules.Expiry.Kind == ExpiryKind.Inactivity)
        {
            Consider((LastActivityAt ?? Profile?.EnrolledAt)?.AddMonths(rules.Expiry.Months));
        }
        if (Tier.TierId is not null && Tier.ReviewAt is { } review)
        {
            Consider(review.AddDays(rules.TierPolicy.GraceDays));
        }
        return next;
    }

    /// <summary>
    /// The lots, oldest first, with the part of each that can expire: open holds are counted against the oldest
    /// lots (a capture spends those first), and nothing beyond the available balance can expire. Lots with nothing
    /// expirable are left out.
    /// </summary>
    public IEnumerable<(PointsLot Lot, long Expirable)> ExpirableLots()
    {
        var held = Balance.Held;
        var available = Math.Max(0, Balance.Available);
        foreach (var lot in Lots)
        {
            var heldHere = Math.Min(held, lot.Remaining);
            held -= heldHere;
            var expirable = Math.Min(lot.Remaining - heldHere, available);
            available -= expirable;
            if (expirable > 0)
            {
                yield return (lot, expirable);
            }
        }
    }

    /// <summary>Drops idempotency records older than the retention; a retry after that is a new request.</summary>
    public void ForgetRequestsRecordedBefore(DateTimeOffset cutoff)
    {
        foreach (var (requestId, record) in Requests)
        {
            if (record.RecordedAt < cutoff)
            {
                Requests.Remove(requestId);
            }
        }
    }

    /// <summary>
    /// An imported member: enrolled at the event's time, the opening balance one lot earned then, the tier as imported.
    /// The inactivity clock starts at the import (what the member did in the other system is not known here), so an
    /// imported balance does not expire for inactivity the moment it arrives.
    /// </summary>
    private void ApplyImport(MemberImported imported)
    {
        Profile = new MemberProfile(imported.ProgramId, imported.MemberId, imported.CardAlias, imported.OccurredAt);
        AddLot("import", imported.OccurredAt, imported.OpeningPoints);
        if (imported.TierId is not null)
        {
            Tier = new TierStatus(imported.TierId, imported.RecordedAt, imported.TierReviewAt);
        }
        Touch(imported.RecordedAt);
    }

    private void ApplyPurchase(PurchaseRecorded purchase)
    {
        var pending = purchase.PendingUntil is not null ? purchase.Points : 0;
        Purchases[purchase.TransactionId] = new PurchaseRecord
        {
            TransactionId = purchase.TransactionId,
            Lines = purchase.Lines,
            TotalMinor = purchase.TotalMinor,
            Points = purchase.Points,
            OccurredAt = purchase.OccurredAt,
            RequestId = purchase.RequestId,
            // What a return needs of each component; its text is on the journal's event, not kept in memory.
            Components = purchase.Components.Select(c => c with { Description = "" }).ToArray(),
            LineNetMinor = purchase.LineNetMinor,
            LineQualifyingMinor = purchase.LineQualifyingMinor,
            PunchLines = purchase.PunchLines,
            PromotionsUsed = purchase.PromotionsUsed,
            CouponsUsed = purchase.Coupons.Where(c => c.Accepted).Select(c => c.Code).ToArray(),
            PendingPoints = pending,
            KeptQualifying = purchase.QualifyingMinor,
        };
        if (purchase.PendingUntil is { } until)
        {
            PendingUntil[purchase.TransactionId] = until;
        }
        else
        {
            AddLot(purchase.TransactionId, purchase.OccurredAt, purchase.Points);
        }
        foreach (var promotionId in purchase.PromotionsUsed)
        {
            PromotionUses[promotionId] = PromotionUses.GetValueOrDefault(promotionId) + 1;
        }
        KeptPurchaseCount++;
        if (LastKeptPurchaseAt is null || purchase.OccurredAt > LastKeptPurchaseAt)
        {
            LastKeptPurchaseAt = purchase.OccurredAt;
        }
        foreach (var card in purchase.PunchCards)
        {
            PunchProgress[card.PromotionId] = card.After;
        }
        Touch(purchase.OccurredAt);
    }

    private void ApplyReturn(ReturnRecorded ret)
    {
        var bought = Purchases[ret.TransactionId];
        foreach (var line in ret.Lines)
        {
            bought.ReturnedQuantities[line.Sku] = bought.Returned(line.Sku) + line.Quantity;
        }
        bought.KeptQualifying = bought.KeptQualifyingMinor();
        bought.FullyReturned = bought.Lines.All(line => bought.Returned(line.Sku) == line.Quantity);
        if (bought.FullyReturned)
        {
            KeptPurchaseCount--;
            LastKeptPurchaseAt = KeptPurchases().Select(p => (DateTimeOffset?)p.OccurredAt).Max();
        }
        bought.ReturnedMinor += ret.RefundMinor;
        bought.ReversedPoints += ret.Points + ret.WrittenOff;
        foreach (var component in ret.Reversed)
        {
            bought.ReversedByRule[component.Rule] = bought.ReversedByRule.GetValueOrDefault(component.Rule) + component.Points;
        }
        bought.PendingPoints -= ret.PendingCancelled;
        if (bought.PendingPoints == 0)
        {
            PendingUntil.Remove(ret.TransactionId);
        }
        foreach (var promotionId in ret.PromotionsReleased)
        {
            bought.PromotionsReleased.Add(promotionId);
            PromotionUses[promotionId] = PromotionUses.GetValueOrDefault(promotionId) - 1;
        }
        if (ret.CouponsReleased.Count > 0)
        {
            bought.CouponsReleased = true;
        }
        foreach (var card in ret.PunchCards)
        {
            PunchProgress[card.PromotionId] = card.After;
            bought.PunchCarry[card.PromotionId] = card.Carry;
        }
        UseLots(ret.Points - ret.PendingCancelled, preferredLot: ret.TransactionId);
    }

    private void AddLot(string lotId, DateTimeOffset earnedAt, long points)
    {
        if (points <= 0)
        {
            return;
        }
        var lot = new PointsLot { LotId = lotId, EarnedAt = earnedAt, Remaining = points };
        var at = Lots.FindLastIndex(l => l.EarnedAt <= earnedAt);
        Lots.Insert(at + 1, lot);
    }

    /// <summary>Takes spent or reversed points off the lots: the preferred lot first, then the oldest.</summary>
    private void UseLots(long points, string? preferredLot)
    {
        if (preferredLot is not null && Lots.Find(l => l.LotId == preferredLot) is { } own)
        {
            var take = Math.Min(points, own.Remaining);
            own.Remaining -= take;
            points -= take;
        }
        for (var i = 0; i < Lots.Count && points > 0; i++)
        {
            var take = Math.Min(points, Lots[i].Remaining);
            Lots[i].Remaining -= take;
            points -= take;
        }
        Lots.RemoveAll(l => l.Remaining <= 0);
    }

    private void Touch(DateTimeOffset at)
    {
        if (LastActivityAt is null || at > LastActivityAt)
        {
            LastActivityAt = at;
        }
    }
}
