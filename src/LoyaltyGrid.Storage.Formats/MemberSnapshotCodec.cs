using Google.Protobuf;
using LoyaltyGrid.Domain.Members;
using P = LoyaltyGrid.Storage.Formats.V1;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>
/// The member snapshot's body: protos/loyaltygrid/storage/v1/member_snapshot.proto, mapped field by field. On the
/// grain's turn <see cref="Capture"/> copies the state's values into the message (strings are shared, they are
/// immutable); the bytes are written by the returned encoder, off the turn.
/// </summary>
public sealed class MemberSnapshotCodec : ISnapshotCodec<MemberState>
{
    public static readonly MemberSnapshotCodec Instance = new();

    /// <summary>
    /// 4: protobuf (member_snapshot.proto) with the merchants visited, which a snapshot of version 3 lacks and the journal
    /// has. 3 was the same without them; 2 was the JSON of the compact state; 1 was never released. A snapshot of an
    /// earlier version is ignored and its stream replayed once.
    /// </summary>
    public ushort Version => 4;

    public Func<byte[]> Capture(MemberState state)
    {
        var message = ToProto(state);
        return message.ToByteArray;
    }

    public MemberState Decode(ReadOnlySpan<byte> body) => FromProto(P.MemberSnapshot.Parser.ParseFrom(body));

    public static P.MemberSnapshot ToProto(MemberState s)
    {
        var m = new P.MemberSnapshot
        {
            Version = s.Version,
            Balance = MemberEventCodec.ToProto(s.Balance),
            Tier = new P.SnapshotTier(),
            KeptPurchaseCount = s.KeptPurchaseCount,
        };
        if (s.Profile is { } profile)
        {
            m.Profile = new P.SnapshotProfile
            {
                ProgramId = profile.ProgramId,
                MemberId = profile.MemberId,
                EnrolledAt = UnixTicks.From(profile.EnrolledAt),
            };
            if (profile.CardAlias is { } alias)
            {
                m.Profile.CardAlias = alias;
            }
        }
        foreach (var p in s.Purchases.Values)
        {
            var open = new P.OpenPurchase
            {
                TransactionId = p.TransactionId,
                Sequence = p.Sequence,
                OccurredAt = UnixTicks.From(p.OccurredAt),
                Points = p.Points,
                PendingPoints = p.PendingPoints,
                FullyReturned = p.FullyReturned,
                EarningCancelled = p.EarningCancelled,
            };
            if (p.Returns is { } r)
            {
                open.Returns = new P.ReturnProgress
                {
                    ReturnedMinor = r.ReturnedMinor,
                    ReversedPoints = r.ReversedPoints,
                    CouponsReleased = r.CouponsReleased,
                    AlreadyExpired = r.AlreadyExpired,
                };
                open.Returns.ReturnedQuantities.Add(r.ReturnedQuantities);
                open.Returns.ReversedByRule.Add(r.ReversedByRule);
                open.Returns.PromotionsReleased.Add(r.PromotionsReleased);
                open.Returns.PunchCarry.Add(r.PunchCarry);
            }
            if (p.Expired is { } expired)
            {
                open.Expired.Add(expired);
            }
            m.Purchases.Add(open);
        }
        foreach (var f in s.Facts)
        {
            m.Facts.Add(new P.SnapshotFact
            {
                Sequence = f.Sequence,
                OccurredAt = UnixTicks.From(f.OccurredAt),
                KeptQualifyingMinor = f.KeptQualifyingMinor,
                KeptPoints = f.KeptPoints,
            });
        }
        foreach (var month in s.Months)
        {
            m.Months.Add(new P.SnapshotMonth
            {
                Month = month.Month,
                Purchases = month.Purchases,
                QualifyingMinor = month.QualifyingMinor,
                Points = month.Points,
            });
        }
        foreach (var h in s.Holds.Values)
        {
            var hold = new P.SnapshotHold
            {
                HoldId = h.HoldId,
                Points = h.Points,
                ExpiresAt = UnixTicks.From(h.ExpiresAt),
                Status = ToProto(h.Status),
            };
            if (h.MerchantId is { } merchant)
            {
                hold.MerchantId = merchant;
            }
            if (h.ClosedAt is { } closedAt)
            {
                hold.ClosedAt = UnixTicks.From(closedAt);
            }
            m.Holds.Add(hold);
        }
        foreach (var (requestId, r) in s.Requests)
        {
            m.Requests.Add(new P.SnapshotRequest
            {
                RequestId = requestId,
                Fingerprint = r.Fingerprint,
                RecordedAt = UnixTicks.From(r.RecordedAt),
                Sequence = r.Sequence,
            });
        }
        if (s.Tier.TierId is { } tierId)
        {
            m.Tier.TierId = tierId;
        }
        if (s.Tier.Since is { } since)
        {
            m.Tier.Since = UnixTicks.From(since);
        }
        if (s.Tier.ReviewAt is { } reviewAt)
        {
            m.Tier.ReviewAt = UnixTicks.From(reviewAt);
        }
        if (s.Tier.Assigned)
        {
            m.TierAssignment = new P.SnapshotTierAssignment();
            if (s.Tier.AssignedUntil is { } assignedUntil)
            {
                m.TierAssignment.Until = UnixTicks.From(assignedUntil);
            }
        }
        m.PromotionUses.Add(s.PromotionUses);
        m.PunchProgress.Add(s.PunchProgress);
        m.BounceBackCoupons.AddRange(s.BounceBackCoupons.Select(MemberEventCodec.ToProto));
        foreach (var (transactionId, until) in s.PendingUntil)
        {
            m.PendingUntil.Add(transactionId, UnixTicks.From(until));
        }
        foreach (var lot in s.Lots)
        {
            var stored = new P.SnapshotLot { LotId = lot.LotId, EarnedAt = UnixTicks.From(lot.EarnedAt), Remaining = lot.Remaining };
            if (lot.ExpiresAt is { } lotExpires)
            {
                stored.ExpiresAt = UnixTicks.From(lotExpires);
            }
            m.Lots.Add(stored);
        }
        foreach (var x in s.Expirations)
        {
            m.Expirations.Add(new P.SnapshotExpiration
            {
                ExpiryId = x.ExpiryId,
                ExpiredAt = UnixTicks.From(x.ExpiredAt),
                Points = x.Points,
                Reinstated = x.Reinstated,
            });
        }
        if (s.LastActivityAt is { } lastActivity)
        {
            m.LastActivityAt = UnixTicks.From(lastActivity);
        }
        if (s.LastKeptPurchaseAt is { } lastKept)
        {
            m.LastKeptPurchaseAt = UnixTicks.From(lastKept);
        }
        if (s.LastFoldedPurchaseAt is { } lastFolded)
        {
            m.LastFoldedPurchaseAt = UnixTicks.From(lastFolded);
        }
        if (s.ClosedBefore is { } closedBefore)
        {
            m.ClosedBefore = UnixTicks.From(closedBefore);
        }
        if (s.OldestOpenPurchaseAt is { } oldest)
        {
            m.OldestOpenPurchaseAt = UnixTicks.From(oldest);
        }
        if (s.SweptAt is { } swept)
        {
            m.SweptAt = UnixTicks.From(swept);
        }
        foreach (var t in s.TransfersInFlight.Values)
        {
            var stored = new P.SnapshotTransfer { TransferId = t.TransferId, ToMemberId = t.ToMemberId, Points = t.Points, SentAt = UnixTicks.From(t.SentAt) };
            if (t.Note is { } note)
            {
                stored.Note = note;
            }
            m.TransfersInFlight.Add(stored);
        }
        foreach (var t in s.RecentTransfers)
        {
            m.RecentTransfers.Add(new P.SnapshotTransfer { Points = t.Points, SentAt = UnixTicks.From(t.SentAt) });
        }
        if (s.FirstPurchaseAt is { } first)
        {
            m.FirstPurchaseAt = UnixTicks.From(first);
        }
        if (s.LastPurchaseAt is { } last)
        {
            m.LastPurchaseAt = UnixTicks.From(last);
        }
        foreach (var (eventType, count) in s.EventCounts)
        {
            var stored = new P.SnapshotEventCount { EventType = eventType, Count = count.Count };
            if (count.PeriodStart is { } periodStart)
            {
                stored.PeriodStart = UnixTicks.From(periodStart);
            }
            if (count.PeriodEnd is { } periodEnd)
            {
                stored.PeriodEnd = UnixTicks.From(periodEnd);
            }
            m.EventCounts.Add(stored);
        }
        m.ConsentBonusGiven = s.ConsentBonusGiven;
        if (s.Birthday is { } birthday)
        {
            m.Birthday = new P.SnapshotBirthday { Month = birthday.Month, Day = birthday.Day, NextYear = birthday.NextYear };
        }
        if (s.ReferralCode is { } code)
        {
            m.ReferralCode = new P.ReferralCodeIssued { Code = code.Code, Version = code.Version };
            if (code.ExpiresAt is { } codeExpires)
            {
                m.ReferralCode.ExpiresAt = UnixTicks.From(codeExpires);
            }
        }
        m.RecentReferrals.AddRange(s.RecentReferrals.Select(UnixTicks.From));
        if (s.Referral is { } referral)
        {
            m.Referral = new P.SnapshotReferral
            {
                ReferralId = referral.ReferralId,
                ReferrerMemberId = referral.ReferrerMemberId,
                Closed = referral.Closed,
                ReferrerPoints = referral.ReferrerPoints,
                RefereePoints = referral.RefereePoints,
                Voided = (P.ReferralRejection)(int)(referral.Voided ?? 0),
            };
            if (referral.TransactionId is { } referralTx) { m.Referral.TransactionId = referralTx; }
            if (referral.FinalAt is { } finalAt) { m.Referral.FinalAt = UnixTicks.From(finalAt); }
            if (referral.ClosedAt is { } closedAt) { m.Referral.ClosedAt = UnixTicks.From(closedAt); }
        }
        if (s.EmailDigest is not null || s.PhoneDigest is not null)
        {
            m.ContactDigests = new P.ContactDigestsChanged();
            if (s.EmailDigest is { } emailDigest) { m.ContactDigests.EmailDigest = emailDigest; }
            if (s.PhoneDigest is { } phoneDigest) { m.ContactDigests.PhoneDigest = phoneDigest; }
        }
        m.SegmentIds.AddRange(s.Segments.Order(StringComparer.Ordinal));
        if (s.SegmentsReviewAt is { } segmentsReviewAt) { m.SegmentsReviewAt = UnixTicks.From(segmentsReviewAt); }
        m.MarketingConsents = s.MarketingConsents;
        if (s.TierRiskCheckedFor is { } riskChecked) { m.TierRiskCheckedFor = UnixTicks.From(riskChecked); }
        if (s.LatestNps is { } nps)
        {
            m.LatestNps = new P.SnapshotNps { FeedbackId = nps.FeedbackId, Score = nps.Score, AnsweredAt = UnixTicks.From(nps.AnsweredAt) };
        }
        foreach (var (merchantId, lastAt) in s.MerchantVisits.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            m.MerchantVisits.Add(new P.SnapshotMerchantVisit { MerchantId = merchantId, LastAt = UnixTicks.From(lastAt) });
        }
        if (s.ReferringPartnerId is { } referringPartner) { m.ReferringPartnerId = referringPartner; }
        m.PartnerReferralFeeRaised = s.PartnerReferralFeeRaised;
        return m;
    }

    public static MemberState FromProto(P.MemberSnapshot m)
    {
        var s = new MemberState
        {
            Version = m.Version,
            Balance = MemberEventCodec.FromProto(m.Balance),
            KeptPurchaseCount = m.KeptPurchaseCount,
            Tier = m.Tier is { } tier && (tier.HasTierId || tier.HasSince || tier.HasReviewAt)
                ? new TierStatus(tier.HasTierId ? tier.TierId : null, Time(tier.HasSince, tier.Since), Time(tier.HasReviewAt, tier.ReviewAt))
                {
                    Assigned = m.TierAssignment is not null,
                    AssignedUntil = m.TierAssignment is { } assignment ? Time(assignment.HasUntil, assignment.Until) : null,
                }
                : TierStatus.None,
            LastActivityAt = Time(m.HasLastActivityAt, m.LastActivityAt),
            LastKeptPurchaseAt = Time(m.HasLastKeptPurchaseAt, m.LastKeptPurchaseAt),
            LastFoldedPurchaseAt = Time(m.HasLastFoldedPurchaseAt, m.LastFoldedPurchaseAt),
            ClosedBefore = Time(m.HasClosedBefore, m.ClosedBefore),
            OldestOpenPurchaseAt = Time(m.HasOldestOpenPurchaseAt, m.OldestOpenPurchaseAt),
            SweptAt = Time(m.HasSweptAt, m.SweptAt),
            FirstPurchaseAt = Time(m.HasFirstPurchaseAt, m.FirstPurchaseAt),
            LastPurchaseAt = Time(m.HasLastPurchaseAt, m.LastPurchaseAt),
            ConsentBonusGiven = m.ConsentBonusGiven,
        };
        foreach (var c in m.EventCounts)
        {
            s.EventCounts[c.EventType] = new EventCount(c.Count, Time(c.HasPeriodStart, c.PeriodStart), Time(c.HasPeriodEnd, c.PeriodEnd));
        }
        foreach (var t in m.TransfersInFlight)
        {
            s.TransfersInFlight[t.TransferId] = new TransferInFlight(t.TransferId, t.ToMemberId, t.Points, t.HasNote ? t.Note : null, UnixTicks.To(t.SentAt));
        }
        foreach (var t in m.RecentTransfers)
        {
            s.RecentTransfers.Add(new TransferSent(UnixTicks.To(t.SentAt), t.Points));
        }
        if (m.Birthday is { } birthday)
        {
            s.Birthday = new BirthdayStatus(birthday.Month, birthday.Day, birthday.NextYear);
        }
        if (m.ReferralCode is { } code)
        {
            s.ReferralCode = new ReferralCodeStatus(code.Code, code.Version, Time(code.HasExpiresAt, code.ExpiresAt));
        }
        s.RecentReferrals.AddRange(m.RecentReferrals.Select(UnixTicks.To));
        s.Segments.UnionWith(m.SegmentIds);
        s.SegmentsReviewAt = Time(m.HasSegmentsReviewAt, m.SegmentsReviewAt);
        s.MarketingConsents = m.MarketingConsents;
        s.TierRiskCheckedFor = Time(m.HasTierRiskCheckedFor, m.TierRiskCheckedFor);
        if (m.LatestNps is { } nps)
        {
            s.LatestNps = new NpsAnswer(nps.FeedbackId, nps.Score, UnixTicks.To(nps.AnsweredAt));
        }
        foreach (var visit in m.MerchantVisits)
        {
            s.MerchantVisits[visit.MerchantId] = UnixTicks.To(visit.LastAt);
        }
        s.ReferringPartnerId = m.HasReferringPartnerId ? m.ReferringPartnerId : null;
        s.PartnerReferralFeeRaised = m.PartnerReferralFeeRaised;
        if (m.ContactDigests is { } digests)
        {
            s.EmailDigest = digests.HasEmailDigest ? digests.EmailDigest : null;
            s.PhoneDigest = digests.HasPhoneDigest ? digests.PhoneDigest : null;
        }
        if (m.Referral is { } referral)
        {
            s.Referral = new OpenReferral(referral.ReferralId, referral.ReferrerMemberId)
            {
                TransactionId = referral.HasTransactionId ? referral.TransactionId : null,
                FinalAt = Time(referral.HasFinalAt, referral.FinalAt),
                Closed = referral.Closed,
                ReferrerPoints = referral.ReferrerPoints,
                RefereePoints = referral.RefereePoints,
                Voided = MemberEventCodec.FromProto(referral.Voided),
                ClosedAt = Time(referral.HasClosedAt, referral.ClosedAt),
            };
        }
        if (m.Profile is { } profile)
        {
            s.Profile = new MemberProfile(profile.ProgramId, profile.MemberId, profile.HasCardAlias ? profile.CardAlias : null,
                UnixTicks.To(profile.EnrolledAt));
        }
        s.Purchases.EnsureCapacity(m.Purchases.Count);
        foreach (var p in m.Purchases)
        {
            var record = new PurchaseRecord
            {
                TransactionId = p.TransactionId,
                Sequence = p.Sequence,
                OccurredAt = UnixTicks.To(p.OccurredAt),
                Points = p.Points,
                PendingPoints = p.PendingPoints,
                FullyReturned = p.FullyReturned,
                EarningCancelled = p.EarningCancelled,
            };
            if (p.Returns is { } r)
            {
                var progress = new ReturnProgress
                {
                    ReturnedMinor = r.ReturnedMinor,
                    ReversedPoints = r.ReversedPoints,
                    CouponsReleased = r.CouponsReleased,
                    AlreadyExpired = r.AlreadyExpired,
                };
                Copy(r.ReturnedQuantities, progress.ReturnedQuantities);
                Copy(r.ReversedByRule, progress.ReversedByRule);
                progress.PromotionsReleased.UnionWith(r.PromotionsReleased);
                Copy(r.PunchCarry, progress.PunchCarry);
                record.Returns = progress;
            }
            if (p.Expired.Count > 0)
            {
                record.Expired = new Dictionary<long, long>(p.Expired);
            }
            s.Purchases[record.TransactionId] = record;
        }
        s.Facts.Capacity = m.Facts.Count;
        foreach (var f in m.Facts)
        {
            s.Facts.Add(new PurchaseFact
            {
                Sequence = f.Sequence,
                OccurredAt = UnixTicks.To(f.OccurredAt),
                KeptQualifyingMinor = f.KeptQualifyingMinor,
                KeptPoints = f.KeptPoints,
            });
        }
        foreach (var month in m.Months)
        {
            s.Months.Add(new MonthTotals(month.Month, month.Purchases, month.QualifyingMinor, month.Points));
        }
        foreach (var h in m.Holds)
        {
            s.Holds[h.HoldId] = new HoldRecord(h.HoldId, h.Points, UnixTicks.To(h.ExpiresAt), FromProto(h.Status),
                h.HasMerchantId ? h.MerchantId : null, Time(h.HasClosedAt, h.ClosedAt));
        }
        s.Requests.EnsureCapacity(m.Requests.Count);
        foreach (var r in m.Requests)
        {
            s.Requests[r.RequestId] = new RequestRecord(r.Fingerprint, UnixTicks.To(r.RecordedAt), r.Sequence);
        }
        Copy(m.PromotionUses, s.PromotionUses);
        Copy(m.PunchProgress, s.PunchProgress);
        s.BounceBackCoupons.AddRange(m.BounceBackCoupons.Select(MemberEventCodec.FromProto));
        foreach (var (transactionId, until) in m.PendingUntil)
        {
            s.PendingUntil[transactionId] = UnixTicks.To(until);
        }
        // Set whole, so that the state counts its dated lots.
        var lots = new List<PointsLot>(m.Lots.Count);
        foreach (var lot in m.Lots)
        {
            lots.Add(new PointsLot
            {
                LotId = lot.LotId, EarnedAt = UnixTicks.To(lot.EarnedAt), Remaining = lot.Remaining,
                ExpiresAt = lot.HasExpiresAt ? UnixTicks.To(lot.ExpiresAt) : null,
            });
        }
        s.Lots = lots;
        foreach (var x in m.Expirations)
        {
            s.Expirations.Add(new Expiration
            {
                ExpiryId = x.ExpiryId,
                ExpiredAt = UnixTicks.To(x.ExpiredAt),
                Points = x.Points,
                Reinstated = x.Reinstated,
            });
        }
        return s;
    }

    private static DateTimeOffset? Time(bool has, long ticks) => has ? UnixTicks.To(ticks) : null;

    private static void Copy<TKey, TValue>(IDictionary<TKey, TValue> from, Dictionary<TKey, TValue> to) where TKey : notnull
    {
        foreach (var (key, value) in from)
        {
            to[key] = value;
        }
    }

    private static P.SnapshotHoldStatus ToProto(HoldStatus status) => status switch
    {
        HoldStatus.Open => P.SnapshotHoldStatus.Open,
        HoldStatus.Captured => P.SnapshotHoldStatus.Captured,
        HoldStatus.Voided => P.SnapshotHoldStatus.Voided,
        HoldStatus.Expired => P.SnapshotHoldStatus.Expired,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static HoldStatus FromProto(P.SnapshotHoldStatus status) => status switch
    {
        P.SnapshotHoldStatus.Open => HoldStatus.Open,
        P.SnapshotHoldStatus.Captured => HoldStatus.Captured,
        P.SnapshotHoldStatus.Voided => HoldStatus.Voided,
        P.SnapshotHoldStatus.Expired => HoldStatus.Expired,
        _ => throw new InvalidDataException($"Unknown hold status {(int)status} in a member snapshot."),
    };
}
