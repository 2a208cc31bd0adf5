using System.Text.Json.Serialization;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// What one member's next decisions read, rebuilt by applying the member's journal in order. Bounded by what is
/// open, not by history: purchases that can still be returned, open (and recently closed) holds, lots, remembered
/// requests within their retention, and running aggregates. <see cref="BooksClosed"/> drops what can no longer
/// change. Serializable as a snapshot; changed only by <see cref="Apply"/>.
/// </summary>
public sealed class MemberState
{
    /// <summary>How often remembered requests and closed holds are swept: a sweep scans them, so not on every event.</summary>
    private static readonly TimeSpan SweepEvery = TimeSpan.FromHours(1);

    /// <summary>Sequence of the last applied event; 0 for a member never enrolled.</summary>
    public long Version { get; set; }

    public MemberProfile? Profile { get; set; }

    public Balance Balance { get; set; } = Balance.Zero;

    /// <summary>Purchases that can still be returned (not yet closed by the return horizon).</summary>
    public Dictionary<string, PurchaseRecord> Purchases { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Kept purchases that a rule may still look back on, oldest first.</summary>
    public List<PurchaseFact> Facts { get; set; } = [];

    /// <summary>Kept purchases older than every rule looks back, per month, oldest first.</summary>
    public List<MonthTotals> Months { get; set; } = [];

    /// <summary>Open holds, and closed ones until the request retention has passed (to say why a late capture fails).</summary>
    public Dictionary<string, HoldRecord> Holds { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, RequestRecord> Requests { get; set; } = new(StringComparer.Ordinal);

    public TierStatus Tier { get; set; } = TierStatus.None;

    /// <summary>How often each promotion has given this member something (returns give uses back).</summary>
    public Dictionary<string, int> PromotionUses { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Stamps on each punch card, up to the card's size; a full card makes the next qualifying item free. Below 0: stamps
    /// owed, taken back by returns after the card paid out, which the next qualifying items pay back first.
    /// </summary>
    public Dictionary<string, long> PunchProgress { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Bounce-back coupons issued to the member and not yet used or voided, oldest first; expired ones are dropped at the
    /// next purchase, so the list holds at most what the member earned within the coupons' validity.
    /// </summary>
    public List<BounceBackCoupon> BounceBackCoupons { get; set; } = [];

    /// <summary>Purchases whose points are still pending, and when they become available.</summary>
    public Dictionary<string, DateTimeOffset> PendingUntil { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Available points by when they were earned, oldest first. Changed only by <see cref="Apply"/>, or replaced whole
    /// (a snapshot load), which recounts the dated lots: add to the list itself and <see cref="HasDatedLots"/> misses them.
    /// </summary>
    public List<PointsLot> Lots
    {
        get;
        set
        {
            field = value;
            datedLots = value.Count(l => l.ExpiresAt is not null);
        }
    } = [];

    /// <summary>How many <see cref="Lots"/> have a date of their own: kept so that every request asks it without a walk over hundreds of lots. Not stored.</summary>
    private int datedLots;

    /// <summary>Expirations not reinstated, since the books were last closed (what an admin may still reinstate).</summary>
    public List<Expiration> Expirations { get; set; } = [];

    /// <summary>The last purchase or redemption, for expiry after inactivity.</summary>
    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>Purchases not wholly returned: kept as a count so promotion targeting does not scan the history.</summary>
    public int KeptPurchaseCount { get; set; }

    /// <summary>When the latest purchase not wholly returned happened.</summary>
    public DateTimeOffset? LastKeptPurchaseAt { get; set; }

    /// <summary>When the earliest purchase ever recorded happened (wholly returned or not; closing the books keeps it).</summary>
    public DateTimeOffset? FirstPurchaseAt { get; set; }

    /// <summary>When the latest purchase ever recorded happened (wholly returned or not).</summary>
    public DateTimeOffset? LastPurchaseAt { get; set; }

    /// <summary>Transfers this member sent whose credit the receiver has not acknowledged yet, by transfer id.</summary>
    public Dictionary<string, TransferInFlight> TransfersInFlight { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Transfers sent in the last day (older ones are dropped as new ones come), for the daily limit.</summary>
    public List<TransferSent> RecentTransfers { get; set; } = [];

    /// <summary>The latest purchase folded into <see cref="Months"/>.</summary>
    public DateTimeOffset? LastFoldedPurchaseAt { get; set; }

    /// <summary>Purchases before this are closed: no longer returnable, not kept. Null: the books were never closed.</summary>
    public DateTimeOffset? ClosedBefore { get; set; }

    /// <summary>The oldest purchase in <see cref="Purchases"/>, so closing the books is checked without a scan.</summary>
    public DateTimeOffset? OldestOpenPurchaseAt { get; set; }

    /// <summary>When remembered requests and closed holds were last swept.</summary>
    public DateTimeOffset? SweptAt { get; set; }

    /// <summary>The birthday's month and day and the next bonus year, as the profile told them; null: never told.</summary>
    public BirthdayStatus? Birthday { get; set; }

    /// <summary>Per event rule (by event type): the awards in its current cap period, or ever for a once-only rule.</summary>
    public Dictionary<string, EventCount> EventCounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the member has had the marketing-consent bonus (once per member).</summary>
    public bool ConsentBonusGiven { get; set; }

    /// <summary>The member's own referral code, if it ever asked for one.</summary>
    public ReferralCodeStatus? ReferralCode { get; set; }

    /// <summary>When this member's accepted referrals (as a referrer) were made, in the last <see cref="MemberReferrals.KeptFor"/>: the cap counts them.</summary>
    public List<DateTimeOffset> RecentReferrals { get; set; } = [];

    /// <summary>Digests of the member's email and phone, as its profile told them (null: none).</summary>
    public string? EmailDigest { get; set; }

    public string? PhoneDigest { get; set; }

    /// <summary>This member's referral as a referee while it is open (accepted and not yet acknowledged by the referrer).</summary>
    public OpenReferral? Referral { get; set; }

    /// <summary>The coalition partner whose referral code the member enrolled with (<see cref="PartnerReferred"/>); null: none.</summary>
    public string? ReferringPartnerId { get; set; }

    /// <summary>Whether the partner referral's fee was made due (<see cref="PartnerReferralFeeDue"/>): once per member.</summary>
    public bool PartnerReferralFeeRaised { get; set; }

    /// <summary>The program's segments the member is in (<see cref="MemberSegments"/>): what targeting looks up.</summary>
    public HashSet<string> Segments { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the member's segments are next looked at again with nothing else happening; null: not by time.</summary>
    public DateTimeOffset? SegmentsReviewAt { get; set; }

    /// <summary>The tier review whose risk was checked (<see cref="TierRiskChecked"/>); null: none yet.</summary>
    public DateTimeOffset? TierRiskCheckedFor { get; set; }

    /// <summary>The channels with marketing consent, as bits (<see cref="MarketingConsentsChanged"/>); 0: none, or never told.</summary>
    public int MarketingConsents { get; set; }

    /// <summary>The member's latest NPS answer, as its feedback told it; null: none.</summary>
    public NpsAnswer? LatestNps { get; set; }

    /// <summary>
    /// When the member last bought at each merchant (a purchase recorded there, returned or not), at most
    /// <see cref="MaxMerchantVisits"/> merchants (the least recent is forgotten first): what "merchants visited" reads.
    /// </summary>
    public Dictionary<string, DateTimeOffset> MerchantVisits { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The most merchants a member remembers visiting: bounded however many partners a coalition has.</summary>
    public const int MaxMerchantVisits = 100;

    /// <summary>
    /// The state version and rules version at which <see cref="MemberSegments.Due"/> last found nothing to change: until the state
    /// or the rules change or <see cref="SegmentsReviewAt"/> passes, it would find nothing again, so it is not asked
    /// (a request's first look at what is due then costs nothing for segments). Not stored: a cache of this process.
    /// </summary>
    [JsonIgnore]
    public (long Version, long RulesVersion)? SegmentsSettled { get; set; }

    /// <summary>How long requests (and closed holds) are remembered; set by the host from the program and configuration.</summary>
    [JsonIgnore]
    public TimeSpan RequestRetention { get; set; } = TimeSpan.FromDays(7) + Limits.MaxClockSkew;

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
                ApplyPurchase(purchase, sequence);
                break;
            case ReturnRecorded ret:
                ApplyReturn(ret);
                break;
            case RedemptionAuthorized hold:
                Holds[hold.HoldId] = new HoldRecord(hold.HoldId, hold.Points, hold.ExpiresAt, HoldStatus.Open, hold.MerchantId);
                break;
            case RedemptionCaptured capture:
                Holds[capture.HoldId] = Holds[capture.HoldId] with { Status = HoldStatus.Captured, ClosedAt = capture.RecordedAt };
                UseLots(capture.Points, preferredLot: null);
                Touch(capture.OccurredAt);
                break;
            case RedemptionReleased release:
                Holds[release.HoldId] = Holds[release.HoldId] with
                {
                    Status = release.Reason == HoldReleaseReason.Expired ? HoldStatus.Expired : HoldStatus.Voided,
                    ClosedAt = release.RecordedAt,
                };
                break;
            case PointsMatured matured:
                if (Purchases.TryGetValue(matured.TransactionId, out var matures))
                {
                    matures.PendingPoints = 0;
                }
                PendingUntil.Remove(matured.TransactionId);
                AddLot(matured.TransactionId, matured.EarnedAt, matured.Points);
                break;
            case PointsExpired expired:
                // A lot expires only the part not held; what a later void gives back expires then.
                UseLots(expired.Points, preferredLot: expired.LotIds.FirstOrDefault(), expiryId: sequence);
                if (expired.Points > 0)
                {
                    Expirations.Add(new Expiration { ExpiryId = sequence, ExpiredAt = expired.OccurredAt, Points = expired.Points });
                }
                break;
            case PointsReinstated reinstated:
                // Reinstated expirations are done with: the journal keeps them.
                Expirations.RemoveAll(x => reinstated.ExpiryIds.Contains(x.ExpiryId));
                ForgetReinstatedExpiries(reinstated.ExpiryIds);
                AddLot($"reinstated-{sequence}", reinstated.OccurredAt, reinstated.Points);
                Touch(reinstated.OccurredAt);
                break;
            case TierChanged tier:
                Tier = new TierStatus(tier.ToTierId,
                    tier.Reason == TierChangeReason.Retained || tier.ToTierId == Tier.TierId && tier.Reason == TierChangeReason.AssignmentEnded
                        ? Tier.Since : tier.OccurredAt,
                    tier.ReviewAt);
                break;
            case TierAssigned assigned:
                Tier = new TierStatus(assigned.TierId, assigned.TierId == Tier.TierId ? Tier.Since ?? assigned.OccurredAt : assigned.OccurredAt, null)
                {
                    Assigned = true,
                    AssignedUntil = assigned.EndsAt,
                };
                break;
            case BooksClosed closed:
                CloseBooks(closed);
                break;
            case PointsAdjusted adjusted:
                ApplyAdjustment(adjusted);
                break;
            case EarningCancelled cancelled:
                ApplyCancellation(cancelled);
                break;
            case PointsTransferredOut sent:
                TransfersInFlight[sent.TransferId] = new TransferInFlight(sent.TransferId, sent.ToMemberId, sent.Points, sent.Note, sent.OccurredAt);
                RecentTransfers.RemoveAll(t => t.SentAt <= sent.OccurredAt - TransferWindow);
                RecentTransfers.Add(new TransferSent(sent.OccurredAt, sent.Points));
                UseLots(sent.Points, preferredLot: null);
                Touch(sent.OccurredAt);
                break;
            case PointsTransferredIn received:
                AddLot(received.TransferId, received.OccurredAt, received.Points);
                Touch(received.OccurredAt);
                break;
            case TransferSettled settled:
                TransfersInFlight.Remove(settled.TransferId);
                if (settled.Refunded)
                {
                    AddLot(settled.TransferId, settled.OccurredAt, settled.Points);
                }
                break;
            case BirthdayChanged birthday:
                Birthday = new BirthdayStatus(birthday.Month, birthday.Day, birthday.NextYear);
                break;
            case BirthdayBonusAwarded bonus:
                Birthday = Birthday! with { NextYear = bonus.Year + 1 };
                AddLot($"{BirthdayBonusAwarded.Rule}-{bonus.Year}", bonus.OccurredAt, bonus.Points);
                break;
            case EventRecorded recorded:
                ApplyEvent(recorded);
                break;
            case EnrolmentBonusAwarded enrolment:
                AddLot(EnrolmentBonusAwarded.Rule, enrolment.OccurredAt, enrolment.Points);
                break;
            case ConsentBonusAwarded consent:
                ConsentBonusGiven = true;
                AddLot(ConsentBonusAwarded.Rule, consent.OccurredAt, consent.Points);
                break;
            case FeedbackRewardCredited reward:
                AddLot(reward.FeedbackId, reward.OccurredAt, reward.Points);
                break;
            case OfferBonusCredited offer:
                AddLot(offer.LotId, offer.OccurredAt, offer.Points);
                break;
            case ReferralCodeIssued code:
                ReferralCode = new ReferralCodeStatus(code.Code, code.Version, code.ExpiresAt);
                break;
            case ReferralMade made:
                RecentReferrals.RemoveAll(at => at <= made.OccurredAt - MemberReferrals.KeptFor);
                if (made.Rejection is null)
                {
                    RecentReferrals.Add(made.OccurredAt);
                }
                break;
            case ReferredBy referred when referred.Rejection is null:
                Referral = new OpenReferral(referred.ReferralId, referred.ReferrerMemberId);
                break;
            case ReferralPurchaseQualified qualified when Referral?.ReferralId == qualified.ReferralId:
                Referral = Referral with { TransactionId = qualified.TransactionId, FinalAt = qualified.FinalAt };
                break;
            case ReferralClosed closed when Referral?.ReferralId == closed.ReferralId:
                Referral = Referral with
                {
                    Closed = true, ReferrerPoints = closed.ReferrerPoints, RefereePoints = closed.RefereePoints, Voided = closed.Voided, ClosedAt = closed.RecordedAt,
                };
                break;
            case ReferralSettled settled:
                AddLot($"{ReferralClosed.Rule}-{settled.ReferralId}", settled.OccurredAt, settled.Points);
                break;
            case ReferralOutcomeDelivered delivered when Referral?.ReferralId == delivered.ReferralId:
                Referral = null;
                AddLot($"{ReferralClosed.Rule}-{delivered.ReferralId}", delivered.OccurredAt, delivered.RefereePoints);
                break;
            case PartnerReferred referred:
                ReferringPartnerId = referred.PartnerId;
                break;
            case PartnerReferralFeeDue:
                PartnerReferralFeeRaised = true;
                break;
            case SegmentsChanged segments:
                Segments.ExceptWith(segments.Left);
                Segments.UnionWith(segments.Entered);
                SegmentsReviewAt = segments.ReviewAt;
                break;
            case ContactDigestsChanged contact:
                EmailDigest = contact.EmailDigest;
                PhoneDigest = contact.PhoneDigest;
                break;
            case MarketingConsentsChanged consents:
                MarketingConsents = consents.Channels;
                break;
            case TierRiskChecked risk:
                TierRiskCheckedFor = risk.ReviewAt;
                break;
            case NpsAnswered nps:
                LatestNps = new NpsAnswer(nps.FeedbackId, nps.Score, nps.OccurredAt);
                break;
            case RewardRedeemed redeemed:
                UseLots(redeemed.Points, preferredLot: null);
                Touch(redeemed.OccurredAt);
                break;
            case RewardRedemptionRefunded refunded:
                AddLot(RefundRewardPoints.RequestIdOf(refunded.Code), refunded.OccurredAt, refunded.Points);
                break;
        }
        Balance = e.ApplyTo(Balance);
        if (e.RequestId is { } requestId && e.Fingerprint is { } fingerprint)
        {
            Requests[requestId] = new RequestRecord(fingerprint, e.RecordedAt, sequence);
        }
        Version = sequence;
        Sweep(e.RecordedAt);
    }

    /// <summary>The request carried out under <paramref name="requestId"/>, if it is still remembered at <paramref name="now"/> (swept or not).</summary>
    public RequestRecord? Remembered(string requestId, DateTimeOffset now) =>
        Requests.TryGetValue(requestId, out var done) && done.RecordedAt >= now - RequestRetention ? done : null;

    /// <summary>The window of the program's daily transfer limit.</summary>
    public static readonly TimeSpan TransferWindow = TimeSpan.FromDays(1);

    /// <summary>Points sent in the 24 hours before <paramref name="now"/>.</summary>
    public long TransferredSince(DateTimeOffset now) => RecentTransfers.Where(t => t.SentAt > now - TransferWindow).Sum(t => t.Points);

    /// <summary>The tier metric over the policy's window ending at <paramref name="at"/>.</summary>
    public long TierMetricAt(TierPolicy policy, DateTimeOffset at)
    {
        var from = at.AddMonths(-policy.WindowMonths);
        long sum = 0;
        for (var i = FirstFactAfter(from); i < Facts.Count && Facts[i].OccurredAt <= at; i++)
        {
            sum += policy.Metric == TierMetric.QualifyingSpend ? Facts[i].KeptQualifyingMinor : Facts[i].KeptPoints;
        }
        return sum;
    }

    /// <summary>
    /// When purchases leaving the tier window take the metric below the member's tier's threshold, if nothing more is
    /// bought or returned (the immediate downgrade mode): when the newest purchase without which the rest fall short
    /// leaves the window. Since the tier (a time past) if the metric is short already; null if it never falls short.
    /// </summary>
    public DateTimeOffset? TierMetricFallsAt(ProgramRules rules)
    {
        if (rules.Tier(Tier.TierId) is not { Threshold: > 0 } tier)
        {
            return null;
        }
        var policy = rules.TierPolicy;
        long sum = 0;
        for (var i = Facts.Count - 1; i >= 0; i--)
        {
            var before = sum;
            sum += policy.Metric == TierMetric.QualifyingSpend ? Facts[i].KeptQualifyingMinor : Facts[i].KeptPoints;
            if (before < tier.Threshold && sum >= tier.Threshold)
            {
                // The first instant the window (at - months, at] no longer holds it.
                var at = Facts[i].OccurredAt.AddMonths(policy.WindowMonths);
                while (at.AddMonths(-policy.WindowMonths) < Facts[i].OccurredAt)
                {
                    at = at.AddDays(1);
                }
                return at;
            }
        }
        return Tier.Since ?? DateTimeOffset.UnixEpoch;
    }

    /// <summary>Kept purchases that occurred in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public int KeptPurchasesBetween(DateTimeOffset after, DateTimeOffset upTo) =>
        upTo > after ? FirstFactAfter(upTo) - FirstFactAfter(after) : 0; // facts are in time order: no walk

    /// <summary>Qualifying spend kept of the purchases that occurred in [<paramref name="from"/>, <paramref name="upTo"/>].</summary>
    public long KeptSpendBetween(DateTimeOffset from, DateTimeOffset upTo)
    {
        long sum = 0;
        for (var i = FirstFactAfter(from.AddTicks(-1)); i < Facts.Count && Facts[i].OccurredAt <= upTo; i++)
        {
            sum += Facts[i].KeptQualifyingMinor;
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
        if (rules.Expiry.Kind == ExpiryKind.FifoLots && ExpirableLots().FirstOrDefault(l => l.Lot.ExpiresAt is null) is { Lot: { } lot })
        {
            Consider(rules.Expiry.DueAfter(lot.EarnedAt, rules.Settings.TimeZone));
        }
        // Lots with their own expiry (adjustments): only what can expire, so a held lot does not keep waking the member.
        // Looked for first, so a member without any (nearly all) pays no walk over the lots' holds.
        if (HasDatedLots)
        {
            foreach (var (dated, _) in ExpirableLots())
            {
                Consider(dated.ExpiresAt);
            }
        }
        if (Balance.Available > 0 && rules.Expiry.Kind == ExpiryKind.Inactivity)
        {
            Consider((LastActivityAt ?? Profile?.EnrolledAt) is { } since ? rules.Expiry.DueAfter(since, rules.Settings.TimeZone) : null);
        }
        if (Tier.Assigned)
        {
            Consider(Tier.AssignedUntil);
        }
        else if (Tier.TierId is not null && Tier.ReviewAt is { } review && rules.TierPolicy.Reviews)
        {
            Consider(review.AddDays(rules.TierPolicy.GraceDays));
        }
        else if (rules.TierPolicy.DowngradeMode == TierDowngradeMode.Immediate)
        {
            Consider(TierMetricFallsAt(rules));
        }
        // A transfer in flight is due at once: whoever wakes the member (its timer, the wake-up service after a
        // restart) delivers it again until the receiver acknowledges it.
        foreach (var transfer in TransfersInFlight.Values)
        {
            Consider(transfer.SentAt);
        }
        Consider(BirthdayBonuses.NextDue(this, rules));
        // A referral's qualifying purchase becomes final; a closed referral's outcome is due to the referrer at once,
        // and stays due until it acknowledges (like a transfer in flight).
        Consider(Referral is { Closed: false } open ? open.FinalAt : Referral?.ClosedAt);
        Consider(SegmentsReviewAt);
        Consider(TierWarnings.NextDue(this, rules));
        return next;
    }

    /// <summary>Whether a lot has an expiry date of its own (a credit adjustment's).</summary>
    public bool HasDatedLots => datedLots > 0;

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

    /// <summary>The fact of the purchase at <paramref name="sequence"/>, or null if it was wholly returned or folded.</summary>
    public PurchaseFact? FactOf(DateTimeOffset occurredAt, long sequence)
    {
        for (var i = FirstFactAfter(occurredAt.AddTicks(-1)); i < Facts.Count && Facts[i].OccurredAt == occurredAt; i++)
        {
            if (Facts[i].Sequence == sequence)
            {
                return Facts[i];
            }
        }
        return null;
    }

    /// <summary>Index of the first fact that occurred after <paramref name="at"/> (binary search: facts are in time order).</summary>
    private int FirstFactAfter(DateTimeOffset at)
    {
        int lo = 0, hi = Facts.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Facts[mid].OccurredAt <= at)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
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

    private void VisitMerchant(string merchantId, DateTimeOffset at)
    {
        if (MerchantVisits.TryGetValue(merchantId, out var last))
        {
            if (at > last)
            {
                MerchantVisits[merchantId] = at;
            }
            return;
        }
        if (MerchantVisits.Count >= MaxMerchantVisits)
        {
            var (oldest, oldestAt) = (string.Empty, DateTimeOffset.MaxValue);
            foreach (var (id, visitedAt) in MerchantVisits)
            {
                if (visitedAt < oldestAt || visitedAt == oldestAt && string.CompareOrdinal(id, oldest) < 0)
                {
                    (oldest, oldestAt) = (id, visitedAt);
                }
            }
            if (at < oldestAt)
            {
                return;
            }
            MerchantVisits.Remove(oldest);
        }
        MerchantVisits[merchantId] = at;
    }

    private void ApplyPurchase(PurchaseRecorded purchase, long sequence)
    {
        VisitMerchant(purchase.MerchantId, purchase.OccurredAt);
        var pending = purchase.PendingUntil is not null ? purchase.Points : 0;
        Purchases[purchase.TransactionId] = new PurchaseRecord
        {
            TransactionId = purchase.TransactionId,
            Sequence = sequence,
            Points = purchase.Points,
            OccurredAt = purchase.OccurredAt,
            PendingPoints = pending,
        };
        if (OldestOpenPurchaseAt is null || purchase.OccurredAt < OldestOpenPurchaseAt)
        {
            OldestOpenPurchaseAt = purchase.OccurredAt;
        }
        // Late uploads land before later purchases: insert in time order (after any at the same instant).
        Facts.Insert(FirstFactAfter(purchase.OccurredAt), new PurchaseFact
        {
            Sequence = sequence,
            OccurredAt = purchase.OccurredAt,
            KeptQualifyingMinor = purchase.QualifyingMinor,
            KeptPoints = purchase.Points,
        });
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
        if (BounceBackCoupons.Count > 0)
        {
            BounceBackCoupons.RemoveAll(c => c.ValidUntil <= purchase.RecordedAt || purchase.Coupons.Any(o => o.Accepted && o.Code == c.Code));
        }
        BounceBackCoupons.AddRange(purchase.BounceBackCoupons);
        NotePurchaseTime(purchase.OccurredAt);
        Touch(purchase.OccurredAt);
    }

    private void ApplyReturn(ReturnRecorded ret)
    {
        var bought = Purchases[ret.TransactionId];
        var progress = bought.Returns ??= new ReturnProgress();
        foreach (var line in ret.Lines)
        {
            progress.ReturnedQuantities[line.Sku] = progress.ReturnedQuantities.GetValueOrDefault(line.Sku) + line.Quantity;
        }
        progress.ReturnedMinor += ret.RefundMinor;
        progress.ReversedPoints += ret.Points + ret.WrittenOff;
        progress.AlreadyExpired += ret.AlreadyExpired;
        foreach (var component in ret.Reversed)
        {
            progress.ReversedByRule[component.Rule] = progress.ReversedByRule.GetValueOrDefault(component.Rule) + component.Points;
        }
        var fact = FactOf(bought.OccurredAt, bought.Sequence);
        if (fact is not null)
        {
            fact.KeptQualifyingMinor = ret.KeptQualifyingMinor ?? throw LegacyReturn(ret);
            fact.KeptPoints = bought.Points - progress.ReversedPoints - progress.AlreadyExpired;
        }
        if (ret.FullyReturned ?? throw LegacyReturn(ret))
        {
            bought.FullyReturned = true;
            if (fact is not null)
            {
                Facts.Remove(fact);
            }
            KeptPurchaseCount--;
            LastKeptPurchaseAt = Facts.Count > 0 ? Facts[^1].OccurredAt : LastFoldedPurchaseAt;
        }
        bought.PendingPoints -= ret.PendingCancelled;
        if (bought.PendingPoints == 0)
        {
            PendingUntil.Remove(ret.TransactionId);
        }
        foreach (var promotionId in ret.PromotionsReleased)
        {
            progress.PromotionsReleased.Add(promotionId);
            PromotionUses[promotionId] = PromotionUses.GetValueOrDefault(promotionId) - 1;
        }
        if (ret.CouponsReleased.Count > 0)
        {
            progress.CouponsReleased = true;
        }
        foreach (var card in ret.PunchCards)
        {
            PunchProgress[card.PromotionId] = card.After;
            progress.PunchCarry[card.PromotionId] = card.Carry;
        }
        if (BounceBackCoupons.Count > 0)
        {
            // A coupon the purchase earned is void once the kept items no longer earn it (a used one is gone already).
            BounceBackCoupons.RemoveAll(c => c.TransactionId == ret.TransactionId && (ret.FullyReturned == true || ret.KeptQualifyingMinor < c.MinKeptMinor));
        }
        UseLots(ret.Points - ret.PendingCancelled, preferredLot: ret.TransactionId);
    }

    private static InvalidOperationException LegacyReturn(ReturnRecorded ret) => new(
        $"Return {ret.ReturnId} was written before returns carried their outcome; load the journal through {nameof(ReturnUpcaster)}.");

    private void CloseBooks(BooksClosed closed)
    {
        foreach (var (transactionId, purchase) in Purchases)
        {
            // Pending points are never stranded: a purchase closes once its points have matured.
            if (purchase.OccurredAt < closed.PurchasesBefore && purchase.PendingPoints == 0)
            {
                Purchases.Remove(transactionId);
            }
        }
        OldestOpenPurchaseAt = Purchases.Count == 0 ? null : Purchases.Values.Min(p => p.OccurredAt);
        // A fact of a purchase still open (its points pending) is not folded, nor anything after it.
        var open = Purchases.Values.Select(p => p.Sequence).ToHashSet();
        var folded = 0;
        while (folded < Facts.Count && Facts[folded].OccurredAt < closed.FactsBefore && !open.Contains(Facts[folded].Sequence))
        {
            Fold(Facts[folded]);
            folded++;
        }
        Facts.RemoveRange(0, folded);
        Expirations.RemoveAll(x => x.ExpiredAt < closed.PurchasesBefore);
        if (closed.LotsByMonthBefore is { } lotsBefore)
        {
            MergeLotsByMonth(lotsBefore);
        }
        if (ClosedBefore is null || closed.PurchasesBefore > ClosedBefore)
        {
            ClosedBefore = closed.PurchasesBefore;
        }
    }

    /// <summary>Merges the lots earned before <paramref name="before"/>, except those of open purchases, into one per month (see <see cref="BooksClosed.LotsByMonthBefore"/>).</summary>
    private void MergeLotsByMonth(DateTimeOffset before)
    {
        var merged = new List<PointsLot>(Lots.Count);
        foreach (var lot in Lots)
        {
            var last = merged.Count > 0 ? merged[^1] : null;
            var closes = lot.EarnedAt < before && !Purchases.ContainsKey(lot.LotId) && lot.ExpiresAt is null;
            if (closes && last is not null && last.LotId.StartsWith(MonthLotPrefix, StringComparison.Ordinal)
                && MonthTotals.MonthOf(last.EarnedAt) == MonthTotals.MonthOf(lot.EarnedAt))
            {
                merged[^1] = new PointsLot { LotId = last.LotId, EarnedAt = lot.EarnedAt, Remaining = last.Remaining + lot.Remaining };
            }
            else if (closes)
            {
                merged.Add(new PointsLot { LotId = $"{MonthLotPrefix}{lot.EarnedAt.UtcDateTime:yyyy-MM}", EarnedAt = lot.EarnedAt, Remaining = lot.Remaining });
            }
            else
            {
                merged.Add(lot);
            }
        }
        Lots = merged;
    }

    private const string MonthLotPrefix = "month-";

    private void Fold(PurchaseFact fact)
    {
        var month = MonthTotals.MonthOf(fact.OccurredAt);
        var last = Months.Count > 0 ? Months[^1] : null;
        if (last is not null && last.Month == month)
        {
            Months[^1] = last with
            {
                Purchases = last.Purchases + 1,
                QualifyingMinor = last.QualifyingMinor + fact.KeptQualifyingMinor,
                Points = last.Points + fact.KeptPoints,
            };
        }
        else
        {
            Months.Add(new MonthTotals(month, 1, fact.KeptQualifyingMinor, fact.KeptPoints));
        }
        if (LastFoldedPurchaseAt is null || fact.OccurredAt > LastFoldedPurchaseAt)
        {
            LastFoldedPurchaseAt = fact.OccurredAt;
        }
    }

    /// <summary>Forgets requests and closed holds older than the retention: a retry after that is a new request.</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (SweptAt is { } swept && now - swept < SweepEvery)
        {
            return;
        }
        SweptAt = now;
        var cutoff = now - RequestRetention;
        foreach (var (requestId, record) in Requests)
        {
            if (record.RecordedAt < cutoff)
            {
                Requests.Remove(requestId);
            }
        }
        foreach (var (holdId, hold) in Holds)
        {
            if (hold.ClosedAt is { } closedAt && closedAt < cutoff)
            {
                Holds.Remove(holdId);
            }
        }
    }

    /// <summary>A credit is a lot of its own (expiring at its date, if it has one); a debit takes the oldest lots first.</summary>
    /// <summary>Counts the award in its period; counts of periods that have passed are dropped, so only current ones are kept.</summary>
    private void ApplyEvent(EventRecorded recorded)
    {
        foreach (var (eventType, count) in EventCounts)
        {
            if (count.PeriodEnd is { } end && end <= recorded.OccurredAt)
            {
                EventCounts.Remove(eventType);
            }
        }
        EventCounts[recorded.EventType] = new EventCount(recorded.CountInPeriod, recorded.PeriodStart, recorded.PeriodEnd);
        AddLot(recorded.EventId, recorded.OccurredAt, recorded.Points);
    }

    private void ApplyAdjustment(PointsAdjusted adjusted)
    {
        if (adjusted.Points > 0)
        {
            AddLot(adjusted.AdjustmentId, adjusted.OccurredAt, adjusted.Points, adjusted.ExpiresAt);
            Touch(adjusted.OccurredAt);
        }
        else
        {
            UseLots(-adjusted.Points, preferredLot: null);
        }
    }

    /// <summary>The entry's pending points and its own lot give back what was cancelled; a cancelled purchase's returns reverse nothing more.</summary>
    private void ApplyCancellation(EarningCancelled cancelled)
    {
        if (cancelled.TransactionId is { } transactionId && Purchases.TryGetValue(transactionId, out var purchase))
        {
            purchase.EarningCancelled = true;
            purchase.PendingPoints -= cancelled.PendingCancelled;
            if (purchase.PendingPoints == 0)
            {
                PendingUntil.Remove(transactionId);
            }
            var fact = FactOf(purchase.OccurredAt, purchase.Sequence);
            if (fact is not null)
            {
                fact.KeptPoints -= cancelled.Points;
            }
        }
        UseLots(cancelled.Points - cancelled.PendingCancelled, preferredLot: cancelled.TransactionId ?? cancelled.AdjustmentId);
    }

    /// <summary>
    /// Adds points earned (or given back) as a lot. The lots hold what the member has, available or held: a balance
    /// below zero (points reversed after they were spent) has no lots, and new points pay that debt first, so no lot
    /// holds points the member does not have (they would expire later out of points earned since).
    /// </summary>
    private void AddLot(string lotId, DateTimeOffset earnedAt, long points, DateTimeOffset? expiresAt = null)
    {
        // Balance is still the one before the event being applied.
        if (Balance.Available + Balance.Held < 0)
        {
            var debt = Math.Max(0, -(Balance.Available + Balance.Held) - Lots.Sum(l => l.Remaining));
            points -= Math.Min(points, debt);
        }
        if (points <= 0)
        {
            return;
        }
        var lot = new PointsLot { LotId = lotId, EarnedAt = earnedAt, Remaining = points, ExpiresAt = expiresAt };
        var at = Lots.FindLastIndex(l => l.EarnedAt <= earnedAt);
        Lots.Insert(at + 1, lot);
        if (expiresAt is not null)
        {
            datedLots++;
        }
    }

    /// <summary>Takes spent, expired or reversed points off the lots: the preferred lot first, then the oldest.</summary>
    /// <param name="expiryId">For an expiry, its sequence: recorded on each open purchase whose own lot it took from
    /// (lot by lot, or oldest first after inactivity), so a return of it does not take those points back again.</param>
    private void UseLots(long points, string? preferredLot, long? expiryId = null)
    {
        void Take(PointsLot lot)
        {
            var take = Math.Min(points, lot.Remaining);
            lot.Remaining -= take;
            points -= take;
            if (expiryId is { } id && take > 0 && Purchases.TryGetValue(lot.LotId, out var purchase))
            {
                purchase.Expired ??= [];
                purchase.Expired[id] = purchase.Expired.GetValueOrDefault(id) + take;
            }
        }
        if (preferredLot is not null && Lots.Find(l => l.LotId == preferredLot) is { } own)
        {
            Take(own);
        }
        for (var i = 0; i < Lots.Count && points > 0; i++)
        {
            Take(Lots[i]);
        }
        if (Lots.RemoveAll(l => l.Remaining <= 0) > 0 && datedLots > 0)
        {
            datedLots = Lots.Count(l => l.ExpiresAt is not null); // rarely: only a member with dated lots pays the walk
        }
    }

    /// <summary>Reinstated points are the member's again: a later return of their purchase takes them back as its own.</summary>
    private void ForgetReinstatedExpiries(IReadOnlyList<long> expiryIds)
    {
        foreach (var purchase in Purchases.Values)
        {
            if (purchase.Expired is { } expired)
            {
                foreach (var id in expiryIds)
                {
                    expired.Remove(id);
                }
                if (expired.Count == 0)
                {
                    purchase.Expired = null;
                }
            }
        }
    }

    /// <summary>First and last purchase recorded, by when they happened (a late upload may be the earliest).</summary>
    private void NotePurchaseTime(DateTimeOffset at)
    {
        if (FirstPurchaseAt is null || at < FirstPurchaseAt)
        {
            FirstPurchaseAt = at;
        }
        if (LastPurchaseAt is null || at > LastPurchaseAt)
        {
            LastPurchaseAt = at;
        }
    }

    private void Touch(DateTimeOffset at)
    {
        if (LastActivityAt is null || at > LastActivityAt)
        {
            LastActivityAt = at;
        }
    }
}
