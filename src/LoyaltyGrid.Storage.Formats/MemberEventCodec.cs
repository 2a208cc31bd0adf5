using Google.Protobuf;
using LoyaltyGrid.Domain.Benefits;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using P = LoyaltyGrid.Storage.Formats.V1;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>
/// A member's journal events to and from protos/loyaltygrid/storage/v1/member_events.proto, field by field: the stored
/// bytes depend on the field numbers there, never on C# names. Rows written before this format (headerless JSON of
/// the C# types) are decoded by the legacy JSON reader into the same domain events.
/// To add an event kind: add its message and a new field of the <c>kind</c> oneof to the proto (next free number),
/// a case to <see cref="Encode"/> and <see cref="Decode"/>, and a golden file (tests/LoyaltyGrid.Storage.Tests/Golden).
/// </summary>
public sealed class MemberEventCodec : IEventCodec<MemberEvent>
{
    public static readonly MemberEventCodec Instance = new();

    public byte[] Encode(MemberEvent e) => ProtobufPayload.Encode(ToRecord(e));

    public MemberEvent Decode(ReadOnlySpan<byte> payload) => payload switch
    {
        [PayloadHeader.Protobuf, ..] => FromRecord(P.MemberEventRecord.Parser.ParseFrom(payload[1..])),
        [PayloadHeader.LegacyJson, ..] => JournalJson.Deserialize<MemberEvent>(payload),
        [PayloadHeader.Json, ..] => JournalJson.Deserialize<MemberEvent>(payload[1..]),
        _ => throw PayloadHeader.Unknown(payload, nameof(MemberEvent)),
    };

    public static P.MemberEventRecord ToRecord(MemberEvent e)
    {
        var record = new P.MemberEventRecord
        {
            OccurredAt = UnixTicks.From(e.OccurredAt),
            RecordedAt = UnixTicks.From(e.RecordedAt),
            BalanceAfter = ToProto(e.BalanceAfter),
        };
        if (e.RequestId is { } requestId)
        {
            record.RequestId = requestId;
        }
        if (e.Fingerprint is { } fingerprint)
        {
            record.Fingerprint = fingerprint;
        }
        switch (e)
        {
            case MemberEnrolled x:
                record.Enrolled = new P.MemberEnrolled { ProgramId = x.ProgramId, MemberId = x.MemberId };
                if (x.CardAlias is { } alias)
                {
                    record.Enrolled.CardAlias = alias;
                }
                if (x.MerchantId is { } joinedAtMerchant)
                {
                    record.Enrolled.MerchantId = joinedAtMerchant;
                }
                if (x.StoreId is { } joinedAtStore)
                {
                    record.Enrolled.StoreId = joinedAtStore;
                }
                if (x.TerminalId is { } joinedAtTerminal)
                {
                    record.Enrolled.TerminalId = joinedAtTerminal;
                }
                break;
            case PurchaseRecorded x:
                record.Purchase = ToProto(x);
                break;
            case ReturnRecorded x:
                record.Returned = ToProto(x);
                break;
            case RedemptionAuthorized x:
                record.Hold = new P.RedemptionAuthorized
                {
                    HoldId = x.HoldId,
                    Points = x.Points,
                    ExpiresAt = UnixTicks.From(x.ExpiresAt),
                    MerchantId = x.MerchantId,
                };
                if (x.StoreId is { } store)
                {
                    record.Hold.StoreId = store;
                }
                if (x.TerminalId is { } terminal)
                {
                    record.Hold.TerminalId = terminal;
                }
                break;
            case RedemptionCaptured x:
                record.Capture = new P.RedemptionCaptured { HoldId = x.HoldId, Points = x.Points };
                if (x.MerchantId is { } captureMerchant)
                {
                    record.Capture.MerchantId = captureMerchant;
                }
                break;
            case RedemptionReleased x:
                record.Release = new P.RedemptionReleased { HoldId = x.HoldId, Points = x.Points, Reason = ToProto(x.Reason) };
                if (x.MerchantId is { } releaseMerchant)
                {
                    record.Release.MerchantId = releaseMerchant;
                }
                break;
            case PointsMatured x:
                record.Matured = new P.PointsMatured { TransactionId = x.TransactionId, Points = x.Points, EarnedAt = UnixTicks.From(x.EarnedAt) };
                break;
            case PointsExpired x:
                record.Expired = new P.PointsExpired { Points = x.Points, Policy = ToProto(x.Policy), LotIds = { x.LotIds } };
                break;
            case PointsReinstated x:
                record.Reinstated = new P.PointsReinstated { Points = x.Points, ExpiryIds = { x.ExpiryIds }, Actor = x.Actor, Reason = x.Reason };
                if (x.ReinstatementId is { } reinstatement)
                {
                    record.Reinstated.ReinstatementId = reinstatement;
                }
                break;
            case TierChanged x:
                record.Tier = new P.TierChanged { Reason = ToProto(x.Reason), Metric = x.Metric };
                if (x.FromTierId is { } from)
                {
                    record.Tier.FromTierId = from;
                }
                if (x.ToTierId is { } to)
                {
                    record.Tier.ToTierId = to;
                }
                if (x.ReviewAt is { } review)
                {
                    record.Tier.ReviewAt = UnixTicks.From(review);
                }
                break;
            case BirthdayChanged x:
                record.Birthday = new P.BirthdayChanged { Month = x.Month, Day = x.Day, NextYear = x.NextYear };
                break;
            case BirthdayBonusAwarded x:
                record.BirthdayBonus = new P.BirthdayBonusAwarded { Year = x.Year, Points = x.Points };
                break;
            case EventRecorded x:
                record.EventRecorded = new P.EventRecorded
                {
                    EventId = x.EventId, EventType = x.EventType, Points = x.Points, Actor = x.Actor, CountInPeriod = x.CountInPeriod,
                };
                if (x.Reference is { } reference)
                {
                    record.EventRecorded.Reference = reference;
                }
                if (x.PeriodStart is { } periodStart)
                {
                    record.EventRecorded.PeriodStart = UnixTicks.From(periodStart);
                }
                if (x.PeriodEnd is { } periodEnd)
                {
                    record.EventRecorded.PeriodEnd = UnixTicks.From(periodEnd);
                }
                break;
            case EnrolmentBonusAwarded x:
                record.EnrolmentBonus = new P.EnrolmentBonusAwarded { Points = x.Points };
                break;
            case ConsentBonusAwarded x:
                record.ConsentBonus = new P.ConsentBonusAwarded { Points = x.Points };
                break;
            case TierAssigned x:
                record.TierAssigned = new P.TierAssigned { TierId = x.TierId, Actor = x.Actor, Note = x.Note };
                if (x.FromTierId is { } assignedFrom) { record.TierAssigned.FromTierId = assignedFrom; }
                if (x.EndsAt is { } assignedUntil) { record.TierAssigned.EndsAt = UnixTicks.From(assignedUntil); }
                break;
            case ReferralCodeIssued x:
                record.ReferralCode = new P.ReferralCodeIssued { Code = x.Code, Version = x.Version };
                if (x.ExpiresAt is { } codeExpires) { record.ReferralCode.ExpiresAt = UnixTicks.From(codeExpires); }
                break;
            case ReferralMade x:
                record.ReferralMade = new P.ReferralMade { ReferralId = x.ReferralId, RefereeMemberId = x.RefereeMemberId, Code = x.Code, Rejection = ToProto(x.Rejection) };
                break;
            case ReferredBy x:
                record.ReferredBy = new P.ReferredBy { ReferralId = x.ReferralId, Code = x.Code, ReferrerMemberId = x.ReferrerMemberId, Rejection = ToProto(x.Rejection) };
                break;
            case ReferralPurchaseQualified x:
                record.ReferralQualified = new P.ReferralPurchaseQualified { ReferralId = x.ReferralId, TransactionId = x.TransactionId, FinalAt = UnixTicks.From(x.FinalAt) };
                break;
            case ReferralClosed x:
                record.ReferralClosed = new P.ReferralClosed
                {
                    ReferralId = x.ReferralId, ReferrerMemberId = x.ReferrerMemberId, RefereePoints = x.RefereePoints, ReferrerPoints = x.ReferrerPoints,
                    Voided = ToProto(x.Voided),
                };
                break;
            case ReferralSettled x:
                record.ReferralSettled = new P.ReferralSettled { ReferralId = x.ReferralId, RefereeMemberId = x.RefereeMemberId, Points = x.Points, Voided = ToProto(x.Voided) };
                break;
            case ReferralOutcomeDelivered x:
                record.ReferralDelivered = new P.ReferralOutcomeDelivered { ReferralId = x.ReferralId, RefereePoints = x.RefereePoints, Voided = ToProto(x.Voided) };
                break;
            case SegmentsChanged x:
                record.Segments = new P.SegmentsChanged();
                record.Segments.Entered.AddRange(x.Entered);
                record.Segments.Left.AddRange(x.Left);
                if (x.ReviewAt is { } segmentsReviewAt) { record.Segments.ReviewAt = UnixTicks.From(segmentsReviewAt); }
                break;
            case MarketingConsentsChanged x:
                record.MarketingConsents = new P.MarketingConsentsChanged { Channels = x.Channels };
                break;
            case TierRiskChecked x:
                record.TierRiskChecked = new P.TierRiskChecked { TierId = x.TierId, ReviewAt = UnixTicks.From(x.ReviewAt), Metric = x.Metric, Threshold = x.Threshold };
                break;
            case NpsAnswered x:
                record.NpsAnswered = new P.NpsAnswered { FeedbackId = x.FeedbackId, Score = x.Score };
                break;
            case ContactDigestsChanged x:
                record.ContactDigests = new P.ContactDigestsChanged();
                if (x.EmailDigest is { } emailDigest) { record.ContactDigests.EmailDigest = emailDigest; }
                if (x.PhoneDigest is { } phoneDigest) { record.ContactDigests.PhoneDigest = phoneDigest; }
                break;
            case FeedbackRewardCredited x:
                record.FeedbackReward = new P.FeedbackRewardCredited { FeedbackId = x.FeedbackId, Points = x.Points };
                if (x.TransactionId is { } rewardedTransaction) { record.FeedbackReward.TransactionId = rewardedTransaction; }
                if (x.MerchantId is { } rewardMerchant) { record.FeedbackReward.MerchantId = rewardMerchant; }
                if (x.StoreId is { } rewardStore) { record.FeedbackReward.StoreId = rewardStore; }
                break;
            case OfferBonusCredited x:
                record.OfferBonus = new P.OfferBonusCredited { OfferId = x.OfferId, Acceptance = x.Acceptance, Points = x.Points };
                break;
            case PartnerReferred x:
                record.PartnerReferred = new P.PartnerReferred { PartnerId = x.PartnerId, Code = x.Code };
                break;
            case PartnerReferralFeeDue x:
                record.PartnerReferralFeeDue = new P.PartnerReferralFeeDue { PartnerId = x.PartnerId, MerchantId = x.MerchantId, TransactionId = x.TransactionId, FeeMinor = x.FeeMinor };
                break;
            case RewardRedeemed x:
                record.RewardRedeemed = new P.RewardRedeemed { RewardId = x.RewardId, Code = x.Code, Points = x.Points };
                if (x.PartnerId is { } rewardPartner) { record.RewardRedeemed.PartnerId = rewardPartner; }
                break;
            case RewardRedemptionRefunded x:
                record.RewardRefunded = new P.RewardRedemptionRefunded { RewardId = x.RewardId, Code = x.Code, Points = x.Points };
                if (x.PartnerId is { } refundPartner) { record.RewardRefunded.PartnerId = refundPartner; }
                break;
            case BooksClosed x:
                record.BooksClosed = new P.BooksClosed { PurchasesBefore = UnixTicks.From(x.PurchasesBefore), FactsBefore = UnixTicks.From(x.FactsBefore) };
                if (x.LotsByMonthBefore is { } lotsBefore)
                {
                    record.BooksClosed.LotsByMonthBefore = UnixTicks.From(lotsBefore);
                }
                break;
            case PointsAdjusted x:
                record.Adjusted = new P.PointsAdjusted
                {
                    AdjustmentId = x.AdjustmentId, Points = x.Points, Reason = ToProto(x.Reason), Note = x.Note, Actor = x.Actor,
                };
                if (x.ExpiresAt is { } adjustmentExpires)
                {
                    record.Adjusted.ExpiresAt = UnixTicks.From(adjustmentExpires);
                }
                break;
            case EarningCancelled x:
                record.EarningCancelled = new P.EarningCancelled
                {
                    Points = x.Points, PendingCancelled = x.PendingCancelled, Reason = ToProto(x.Reason), Note = x.Note, Actor = x.Actor,
                };
                if (x.TransactionId is { } cancelledTransaction)
                {
                    record.EarningCancelled.TransactionId = cancelledTransaction;
                }
                if (x.AdjustmentId is { } cancelledAdjustment)
                {
                    record.EarningCancelled.AdjustmentId = cancelledAdjustment;
                }
                break;
            case PointsTransferredOut x:
                record.TransferredOut = new P.PointsTransferredOut { TransferId = x.TransferId, ToMemberId = x.ToMemberId, Points = x.Points };
                if (x.Note is { } sentNote)
                {
                    record.TransferredOut.Note = sentNote;
                }
                break;
            case PointsTransferredIn x:
                record.TransferredIn = new P.PointsTransferredIn { TransferId = x.TransferId, FromMemberId = x.FromMemberId, Points = x.Points };
                if (x.Note is { } receivedNote)
                {
                    record.TransferredIn.Note = receivedNote;
                }
                break;
            case TransferSettled x:
                record.TransferSettled = new P.TransferSettled { TransferId = x.TransferId, Points = x.Points, Refunded = x.Refunded };
                break;
            case MemberImported x:
                record.Imported = new P.MemberImported
                {
                    ProgramId = x.ProgramId, MemberId = x.MemberId, OpeningPoints = x.OpeningPoints, ImportId = x.ImportId,
                };
                if (x.CardAlias is { } importedAlias)
                {
                    record.Imported.CardAlias = importedAlias;
                }
                if (x.OpeningReason is { } reason)
                {
                    record.Imported.OpeningReason = reason;
                }
                if (x.TierId is { } tierId)
                {
                    record.Imported.TierId = tierId;
                }
                if (x.TierReviewAt is { } tierReview)
                {
                    record.Imported.TierReviewAt = UnixTicks.From(tierReview);
                }
                break;
            case HistoricalPurchaseImported x:
                record.HistoricalPurchase = new P.HistoricalPurchaseImported
                {
                    ProgramId = x.ProgramId, MemberId = x.MemberId, PurchaseId = x.PurchaseId, AmountMinor = x.AmountMinor,
                    Currency = x.Currency, ImportId = x.ImportId,
                };
                if (x.MerchantId is { } historyMerchant)
                {
                    record.HistoricalPurchase.MerchantId = historyMerchant;
                }
                if (x.StoreId is { } historyStore)
                {
                    record.HistoricalPurchase.StoreId = historyStore;
                }
                break;
            default:
                throw new ArgumentException($"{e.GetType().Name} has no stored form; add it to member_events.proto and MemberEventCodec.", nameof(e));
        }
        return record;
    }

    public static MemberEvent FromRecord(P.MemberEventRecord r)
    {
        var requestId = r.HasRequestId ? r.RequestId : null;
        var fingerprint = r.HasFingerprint ? r.Fingerprint : null;
        var occurredAt = UnixTicks.To(r.OccurredAt);
        var recordedAt = UnixTicks.To(r.RecordedAt);
        var balance = FromProto(r.BalanceAfter);
        switch (r.KindCase)
        {
            case P.MemberEventRecord.KindOneofCase.Enrolled:
                var enrolled = r.Enrolled;
                return new MemberEnrolled(enrolled.ProgramId, enrolled.MemberId, enrolled.HasCardAlias ? enrolled.CardAlias : null)
                {
                    MerchantId = enrolled.HasMerchantId ? enrolled.MerchantId : null,
                    StoreId = enrolled.HasStoreId ? enrolled.StoreId : null,
                    TerminalId = enrolled.HasTerminalId ? enrolled.TerminalId : null,
                    RequestId = requestId,
                    Fingerprint = fingerprint,
                    OccurredAt = occurredAt,
                    RecordedAt = recordedAt,
                    BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.Purchase:
                var p = r.Purchase;
                return new PurchaseRecorded(
                    p.TransactionId, p.MerchantId, p.StoreId, p.TerminalId, p.Currency,
                    p.Lines.Select(l => new PurchaseLine(l.Sku, l.Category, l.Quantity, l.UnitPriceMinor)).ToArray(),
                    p.TotalMinor, p.Points, p.Rule)
                {
                    Components = p.Components.Select(FromProto).ToArray(),
                    LineNetMinor = p.LineNetMinor.ToArray(),
                    LineQualifyingMinor = p.LineQualifyingMinor.ToArray(),
                    Discounts = p.Discounts.Select(d => new DiscountLine(
                        d.PromotionId, d.HasCouponCode ? d.CouponCode : null, d.Sku, d.Quantity, d.AmountMinor, d.Description)).ToArray(),
                    PunchLines = p.PunchLines.Select(l => new PunchLine(l.PromotionId, l.Sku, l.Stamped, l.Free)).ToArray(),
                    PunchCards = p.PunchCards.Select(FromProto).ToArray(),
                    Coupons = p.Coupons.Select(c => new CouponOutcome(
                        c.Code, c.HasPromotionId ? c.PromotionId : null, c.Accepted, c.HasReason ? c.Reason : null,
                        c.HasMessage ? c.Message : null, c.DiscountMinor, c.BonusPoints)).ToArray(),
                    PromotionsUsed = p.PromotionsUsed.ToArray(),
                    EligibleBenefits = p.EligibleBenefits.Select(b => new BenefitOffer(
                        b.BenefitId, b.Name, FromProto(b.Kind), b.PercentOff, b.AmountOffMinor, FromProto(b.Service), b.BonusPoints,
                        UnixTicks.To(b.ValidUntil))).ToArray(),
                    AppliedBenefitIds = p.AppliedBenefitIds.ToArray(),
                    PendingUntil = p.HasPendingUntil ? UnixTicks.To(p.PendingUntil) : null,
                    Tier = p.Tier is { } tier ? new TierSnapshot(tier.TierId, tier.Name, tier.EarnMultiplierPercent, tier.Benefits.ToArray()) : null,
                    BounceBackCoupons = p.BounceBackCoupons.Count > 0 ? p.BounceBackCoupons.Select(FromProto).ToArray() : [],
                    RequestId = requestId,
                    Fingerprint = fingerprint,
                    OccurredAt = occurredAt,
                    RecordedAt = recordedAt,
                    BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.Returned:
                var ret = r.Returned;
                return new ReturnRecorded(
                    ret.ReturnId, ret.TransactionId, ret.Lines.Select(l => new ReturnLine(l.Sku, l.Quantity)).ToArray(),
                    ret.RefundMinor, ret.Points, ret.WrittenOff,
                    ret.HasMerchantId ? ret.MerchantId : null, ret.HasStoreId ? ret.StoreId : null, ret.HasTerminalId ? ret.TerminalId : null)
                {
                    PendingCancelled = ret.PendingCancelled,
                    AlreadyExpired = ret.AlreadyExpired,
                    Reversed = ret.Reversed.Select(FromProto).ToArray(),
                    PunchCards = ret.PunchCards.Select(FromProto).ToArray(),
                    PromotionsReleased = ret.PromotionsReleased.ToArray(),
                    CouponsReleased = ret.CouponsReleased.ToArray(),
                    KeptQualifyingMinor = ret.HasKeptQualifyingMinor ? ret.KeptQualifyingMinor : null,
                    FullyReturned = ret.HasFullyReturned ? ret.FullyReturned : null,
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.Hold:
                var hold = r.Hold;
                return new RedemptionAuthorized(hold.HoldId, hold.Points, UnixTicks.To(hold.ExpiresAt), hold.MerchantId,
                    hold.HasStoreId ? hold.StoreId : null, hold.HasTerminalId ? hold.TerminalId : null)
                {
                    RequestId = requestId,
                    Fingerprint = fingerprint,
                    OccurredAt = occurredAt,
                    RecordedAt = recordedAt,
                    BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.Capture:
                var capture = r.Capture;
                return new RedemptionCaptured(capture.HoldId, capture.Points)
                {
                    MerchantId = capture.HasMerchantId ? capture.MerchantId : null,
                    RequestId = requestId,
                    Fingerprint = fingerprint,
                    OccurredAt = occurredAt,
                    RecordedAt = recordedAt,
                    BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.Release:
                var release = r.Release;
                return new RedemptionReleased(release.HoldId, release.Points, FromProto(release.Reason))
                {
                    MerchantId = release.HasMerchantId ? release.MerchantId : null,
                    RequestId = requestId,
                    Fingerprint = fingerprint,
                    OccurredAt = occurredAt,
                    RecordedAt = recordedAt,
                    BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.Matured:
                var matured = r.Matured;
                return new PointsMatured(matured.TransactionId, matured.Points, UnixTicks.To(matured.EarnedAt))
                {
                    RequestId = requestId,
                    Fingerprint = fingerprint,
                    OccurredAt = occurredAt,
                    RecordedAt = recordedAt,
                    BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.Expired:
                var expired = r.Expired;
                return new PointsExpired(expired.Points, FromProto(expired.Policy), expired.LotIds.ToArray())
                {
                    RequestId = requestId,
                    Fingerprint = fingerprint,
                    OccurredAt = occurredAt,
                    RecordedAt = recordedAt,
                    BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.Reinstated:
                var reinstated = r.Reinstated;
                return new PointsReinstated(reinstated.Points, reinstated.ExpiryIds.ToArray(),
                    reinstated.HasReinstatementId ? reinstated.ReinstatementId : null, reinstated.Actor, reinstated.Reason)
                {
                    RequestId = requestId,
                    Fingerprint = fingerprint,
                    OccurredAt = occurredAt,
                    RecordedAt = recordedAt,
                    BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.Tier:
                var tierChange = r.Tier;
                return new TierChanged(
                    tierChange.HasFromTierId ? tierChange.FromTierId : null, tierChange.HasToTierId ? tierChange.ToTierId : null,
                    FromProto(tierChange.Reason), tierChange.Metric, tierChange.HasReviewAt ? UnixTicks.To(tierChange.ReviewAt) : null)
                {
                    RequestId = requestId,
                    Fingerprint = fingerprint,
                    OccurredAt = occurredAt,
                    RecordedAt = recordedAt,
                    BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.Birthday:
                var birthday = r.Birthday;
                return new BirthdayChanged(birthday.Month, birthday.Day, birthday.NextYear)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.BirthdayBonus:
                var bonus = r.BirthdayBonus;
                return new BirthdayBonusAwarded(bonus.Year, bonus.Points)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.EventRecorded:
                var recorded = r.EventRecorded;
                return new EventRecorded(recorded.EventId, recorded.EventType, recorded.Points, recorded.HasReference ? recorded.Reference : null,
                    recorded.Actor, recorded.CountInPeriod, recorded.HasPeriodStart ? UnixTicks.To(recorded.PeriodStart) : null,
                    recorded.HasPeriodEnd ? UnixTicks.To(recorded.PeriodEnd) : null)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.EnrolmentBonus:
                return new EnrolmentBonusAwarded(r.EnrolmentBonus.Points)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.ConsentBonus:
                return new ConsentBonusAwarded(r.ConsentBonus.Points)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.TierAssigned:
                var assigned = r.TierAssigned;
                return new TierAssigned(assigned.HasFromTierId ? assigned.FromTierId : null, assigned.TierId,
                    assigned.HasEndsAt ? UnixTicks.To(assigned.EndsAt) : null, assigned.Actor, assigned.Note)
                {
                    RequestId = requestId,
                    Fingerprint = fingerprint,
                    OccurredAt = occurredAt,
                    RecordedAt = recordedAt,
                    BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.ReferralCode:
                var code = r.ReferralCode;
                return new ReferralCodeIssued(code.Code, code.Version, code.HasExpiresAt ? UnixTicks.To(code.ExpiresAt) : null)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.ReferralMade:
                var made = r.ReferralMade;
                return new ReferralMade(made.ReferralId, made.RefereeMemberId, made.Code, FromProto(made.Rejection))
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.ReferredBy:
                var referred = r.ReferredBy;
                return new ReferredBy(referred.ReferralId, referred.Code, referred.ReferrerMemberId, FromProto(referred.Rejection))
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.ReferralQualified:
                var qualified = r.ReferralQualified;
                return new ReferralPurchaseQualified(qualified.ReferralId, qualified.TransactionId, UnixTicks.To(qualified.FinalAt))
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.ReferralClosed:
                var closedReferral = r.ReferralClosed;
                return new ReferralClosed(closedReferral.ReferralId, closedReferral.ReferrerMemberId, closedReferral.RefereePoints,
                    closedReferral.ReferrerPoints, FromProto(closedReferral.Voided))
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.ReferralSettled:
                var referralSettled = r.ReferralSettled;
                return new ReferralSettled(referralSettled.ReferralId, referralSettled.RefereeMemberId, referralSettled.Points, FromProto(referralSettled.Voided))
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.Segments:
                var segments = r.Segments;
                return new SegmentsChanged(segments.Entered.ToArray(), segments.Left.ToArray(), segments.HasReviewAt ? UnixTicks.To(segments.ReviewAt) : null)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.MarketingConsents:
                return new MarketingConsentsChanged(r.MarketingConsents.Channels)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.TierRiskChecked:
                var risk = r.TierRiskChecked;
                return new TierRiskChecked(risk.TierId, UnixTicks.To(risk.ReviewAt), risk.Metric, risk.Threshold)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.NpsAnswered:
                return new NpsAnswered(r.NpsAnswered.FeedbackId, r.NpsAnswered.Score)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.ContactDigests:
                var digests = r.ContactDigests;
                return new ContactDigestsChanged(digests.HasEmailDigest ? digests.EmailDigest : null, digests.HasPhoneDigest ? digests.PhoneDigest : null)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.ReferralDelivered:
                return new ReferralOutcomeDelivered(r.ReferralDelivered.ReferralId, r.ReferralDelivered.RefereePoints, FromProto(r.ReferralDelivered.Voided))
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.FeedbackReward:
                var reward = r.FeedbackReward;
                return new FeedbackRewardCredited(reward.FeedbackId, reward.Points, reward.HasTransactionId ? reward.TransactionId : null,
                    reward.HasMerchantId ? reward.MerchantId : null, reward.HasStoreId ? reward.StoreId : null)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.PartnerReferred:
                return new PartnerReferred(r.PartnerReferred.PartnerId, r.PartnerReferred.Code)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.PartnerReferralFeeDue:
                var fee = r.PartnerReferralFeeDue;
                return new PartnerReferralFeeDue(fee.PartnerId, fee.MerchantId, fee.TransactionId, fee.FeeMinor)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.OfferBonus:
                return new OfferBonusCredited(r.OfferBonus.OfferId, r.OfferBonus.Acceptance, r.OfferBonus.Points)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.RewardRedeemed:
                var redeemed = r.RewardRedeemed;
                return new RewardRedeemed(redeemed.RewardId, redeemed.Code, redeemed.Points, redeemed.HasPartnerId ? redeemed.PartnerId : null)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.RewardRefunded:
                var refunded = r.RewardRefunded;
                return new RewardRedemptionRefunded(refunded.RewardId, refunded.Code, refunded.Points, refunded.HasPartnerId ? refunded.PartnerId : null)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.BooksClosed:
                var closed = r.BooksClosed;
                return new BooksClosed(UnixTicks.To(closed.PurchasesBefore), UnixTicks.To(closed.FactsBefore))
                {
                    LotsByMonthBefore = closed.HasLotsByMonthBefore ? UnixTicks.To(closed.LotsByMonthBefore) : null,
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.Imported:
                var imported = r.Imported;
                return new MemberImported(imported.ProgramId, imported.MemberId, imported.HasCardAlias ? imported.CardAlias : null,
                    imported.OpeningPoints, imported.HasOpeningReason ? imported.OpeningReason : null,
                    imported.HasTierId ? imported.TierId : null, imported.HasTierReviewAt ? UnixTicks.To(imported.TierReviewAt) : null,
                    imported.ImportId)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.HistoricalPurchase:
                var history = r.HistoricalPurchase;
                return new HistoricalPurchaseImported(history.ProgramId, history.MemberId, history.PurchaseId, history.AmountMinor,
                    history.Currency, history.HasMerchantId ? history.MerchantId : null, history.HasStoreId ? history.StoreId : null,
                    history.ImportId)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.Adjusted:
                var adjusted = r.Adjusted;
                return new PointsAdjusted(adjusted.AdjustmentId, adjusted.Points, FromProto(adjusted.Reason), adjusted.Note, adjusted.Actor,
                    adjusted.HasExpiresAt ? UnixTicks.To(adjusted.ExpiresAt) : null)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.EarningCancelled:
                var cancelled = r.EarningCancelled;
                return new EarningCancelled(cancelled.HasTransactionId ? cancelled.TransactionId : null,
                    cancelled.HasAdjustmentId ? cancelled.AdjustmentId : null, cancelled.Points, cancelled.PendingCancelled,
                    FromProto(cancelled.Reason), cancelled.Note, cancelled.Actor)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.TransferredOut:
                var sent = r.TransferredOut;
                return new PointsTransferredOut(sent.TransferId, sent.ToMemberId, sent.Points, sent.HasNote ? sent.Note : null)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.TransferredIn:
                var received = r.TransferredIn;
                return new PointsTransferredIn(received.TransferId, received.FromMemberId, received.Points, received.HasNote ? received.Note : null)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            case P.MemberEventRecord.KindOneofCase.TransferSettled:
                var settled = r.TransferSettled;
                return new TransferSettled(settled.TransferId, settled.Points, settled.Refunded)
                {
                    RequestId = requestId, Fingerprint = fingerprint, OccurredAt = occurredAt, RecordedAt = recordedAt, BalanceAfter = balance,
                };
            default:
                throw new InvalidDataException($"A member event record of kind {r.KindCase} is unknown to this release.");
        }
    }

    private static P.PurchaseRecorded ToProto(PurchaseRecorded x)
    {
        var p = new P.PurchaseRecorded
        {
            TransactionId = x.TransactionId,
            MerchantId = x.MerchantId,
            StoreId = x.StoreId,
            TerminalId = x.TerminalId,
            Currency = x.Currency,
            TotalMinor = x.TotalMinor,
            Points = x.Points,
            Rule = x.Rule,
            LineNetMinor = { x.LineNetMinor },
            LineQualifyingMinor = { x.LineQualifyingMinor },
            PromotionsUsed = { x.PromotionsUsed },
            AppliedBenefitIds = { x.AppliedBenefitIds },
        };
        foreach (var l in x.Lines)
        {
            p.Lines.Add(new P.PurchaseLine { Sku = l.Sku, Category = l.Category ?? "", Quantity = l.Quantity, UnitPriceMinor = l.UnitPriceMinor });
        }
        foreach (var c in x.Components)
        {
            p.Components.Add(ToProto(c));
        }
        foreach (var d in x.Discounts)
        {
            var discount = new P.DiscountLine
            {
                PromotionId = d.PromotionId,
                Sku = d.Sku,
                Quantity = d.Quantity,
                AmountMinor = d.AmountMinor,
                Description = d.Description,
            };
            if (d.CouponCode is { } code)
            {
                discount.CouponCode = code;
            }
            p.Discounts.Add(discount);
        }
        foreach (var l in x.PunchLines)
        {
            p.PunchLines.Add(new P.PunchLine { PromotionId = l.PromotionId, Sku = l.Sku, Stamped = l.Stamped, Free = l.Free });
        }
        foreach (var c in x.PunchCards)
        {
            p.PunchCards.Add(ToProto(c));
        }
        foreach (var c in x.Coupons)
        {
            var coupon = new P.CouponOutcome { Code = c.Code, Accepted = c.Accepted, DiscountMinor = c.DiscountMinor, BonusPoints = c.BonusPoints };
            if (c.PromotionId is { } promotion)
            {
                coupon.PromotionId = promotion;
            }
            if (c.Reason is { } reason)
            {
                coupon.Reason = reason;
            }
            if (c.Message is { } message)
            {
                coupon.Message = message;
            }
            p.Coupons.Add(coupon);
        }
        foreach (var b in x.EligibleBenefits)
        {
            p.EligibleBenefits.Add(new P.BenefitOffer
            {
                BenefitId = b.BenefitId,
                Name = b.Name,
                Kind = ToProto(b.Kind),
                PercentOff = b.PercentOff,
                AmountOffMinor = b.AmountOffMinor,
                Service = ToProto(b.Service),
                BonusPoints = b.BonusPoints,
                ValidUntil = UnixTicks.From(b.ValidUntil),
            });
        }
        if (x.PendingUntil is { } pending)
        {
            p.PendingUntil = UnixTicks.From(pending);
        }
        if (x.Tier is { } tier)
        {
            p.Tier = new P.TierSnapshot { TierId = tier.TierId, Name = tier.Name, EarnMultiplierPercent = tier.EarnMultiplierPercent, Benefits = { tier.Benefits } };
        }
        p.BounceBackCoupons.AddRange(x.BounceBackCoupons.Select(ToProto));
        return p;
    }

    internal static P.BounceBackCoupon ToProto(BounceBackCoupon c) => new()
    {
        Code = c.Code,
        PromotionId = c.PromotionId,
        TransactionId = c.TransactionId,
        DiscountPercent = c.DiscountPercent,
        DiscountMinor = c.DiscountMinor,
        ValidFrom = UnixTicks.From(c.ValidFrom),
        ValidUntil = UnixTicks.From(c.ValidUntil),
        MinKeptMinor = c.MinKeptMinor,
    };

    internal static BounceBackCoupon FromProto(P.BounceBackCoupon c) => new(
        c.Code, c.PromotionId, c.TransactionId, c.DiscountPercent, c.DiscountMinor, UnixTicks.To(c.ValidFrom), UnixTicks.To(c.ValidUntil),
        c.MinKeptMinor);

    private static P.ReturnRecorded ToProto(ReturnRecorded x)
    {
        var p = new P.ReturnRecorded
        {
            ReturnId = x.ReturnId,
            TransactionId = x.TransactionId,
            RefundMinor = x.RefundMinor,
            Points = x.Points,
            WrittenOff = x.WrittenOff,
            PendingCancelled = x.PendingCancelled,
            AlreadyExpired = x.AlreadyExpired,
            PromotionsReleased = { x.PromotionsReleased },
            CouponsReleased = { x.CouponsReleased },
        };
        if (x.KeptQualifyingMinor is { } kept)
        {
            p.KeptQualifyingMinor = kept;
        }
        if (x.FullyReturned is { } full)
        {
            p.FullyReturned = full;
        }
        foreach (var l in x.Lines)
        {
            p.Lines.Add(new P.ReturnLine { Sku = l.Sku, Quantity = l.Quantity });
        }
        if (x.MerchantId is { } merchant)
        {
            p.MerchantId = merchant;
        }
        if (x.StoreId is { } store)
        {
            p.StoreId = store;
        }
        if (x.TerminalId is { } terminal)
        {
            p.TerminalId = terminal;
        }
        foreach (var c in x.Reversed)
        {
            p.Reversed.Add(ToProto(c));
        }
        foreach (var c in x.PunchCards)
        {
            p.PunchCards.Add(ToProto(c));
        }
        return p;
    }

    private static P.PointsComponent ToProto(PointsComponent c)
    {
        var p = new P.PointsComponent { Rule = c.Rule, Points = c.Points, Description = c.Description, LinePoints = { c.LinePoints }, MinKeptMinor = c.MinKeptMinor };
        if (c.PromotionId is { } promotion)
        {
            p.PromotionId = promotion;
        }
        return p;
    }

    private static PointsComponent FromProto(P.PointsComponent c) =>
        new(c.Rule, c.HasPromotionId ? c.PromotionId : null, c.Points, c.Description)
        {
            LinePoints = c.LinePoints.ToArray(),
            MinKeptMinor = c.MinKeptMinor,
        };

    private static P.PunchCardChange ToProto(PunchCardChange c) => new()
    {
        PromotionId = c.PromotionId,
        Before = c.Before,
        After = c.After,
        Required = c.Required,
        FreeItems = c.FreeItems,
        Carry = c.Carry,
    };

    private static PunchCardChange FromProto(P.PunchCardChange c) =>
        new(c.PromotionId, c.Before, c.After, c.Required, c.FreeItems) { Carry = c.Carry };

    internal static P.Balance ToProto(Balance b) => new()
    {
        Available = b.Available,
        Pending = b.Pending,
        Held = b.Held,
        LifetimeEarned = b.LifetimeEarned,
        LifetimeRedeemed = b.LifetimeRedeemed,
        LifetimeReversed = b.LifetimeReversed,
        LifetimeExpired = b.LifetimeExpired,
        LifetimeReinstated = b.LifetimeReinstated,
        LifetimeAdjusted = b.LifetimeAdjusted,
        LifetimeTransferredOut = b.LifetimeTransferredOut,
        LifetimeTransferredIn = b.LifetimeTransferredIn,
    };

    internal static Balance FromProto(P.Balance? b) => b is null
        ? Balance.Zero
        : new(b.Available, b.Pending, b.Held, b.LifetimeEarned, b.LifetimeRedeemed, b.LifetimeReversed, b.LifetimeExpired, b.LifetimeReinstated,
            b.LifetimeAdjusted, b.LifetimeTransferredOut, b.LifetimeTransferredIn);

    private static P.AdjustmentReason ToProto(AdjustmentReason reason) => reason switch
    {
        AdjustmentReason.Goodwill => P.AdjustmentReason.Goodwill,
        AdjustmentReason.Correction => P.AdjustmentReason.Correction,
        AdjustmentReason.Migration => P.AdjustmentReason.Migration,
        AdjustmentReason.Other => P.AdjustmentReason.Other,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static AdjustmentReason FromProto(P.AdjustmentReason reason) => reason switch
    {
        P.AdjustmentReason.Goodwill => AdjustmentReason.Goodwill,
        P.AdjustmentReason.Correction => AdjustmentReason.Correction,
        P.AdjustmentReason.Migration => AdjustmentReason.Migration,
        P.AdjustmentReason.Other => AdjustmentReason.Other,
        _ => throw new InvalidDataException($"Unknown adjustment reason {reason}."),
    };

    private static P.HoldReleaseReason ToProto(HoldReleaseReason reason) => reason switch
    {
        HoldReleaseReason.Voided => P.HoldReleaseReason.Voided,
        HoldReleaseReason.Expired => P.HoldReleaseReason.Expired,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static HoldReleaseReason FromProto(P.HoldReleaseReason reason) => reason switch
    {
        P.HoldReleaseReason.Voided => HoldReleaseReason.Voided,
        P.HoldReleaseReason.Expired => HoldReleaseReason.Expired,
        _ => throw new InvalidDataException($"Unknown hold release reason {reason}."),
    };

    private static P.ExpiryKind ToProto(ExpiryKind kind) => kind switch
    {
        ExpiryKind.Never => P.ExpiryKind.Never,
        ExpiryKind.FifoLots => P.ExpiryKind.FifoLots,
        ExpiryKind.Inactivity => P.ExpiryKind.Inactivity,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static ExpiryKind FromProto(P.ExpiryKind kind) => kind switch
    {
        P.ExpiryKind.Never => ExpiryKind.Never,
        P.ExpiryKind.FifoLots => ExpiryKind.FifoLots,
        P.ExpiryKind.Inactivity => ExpiryKind.Inactivity,
        _ => throw new InvalidDataException($"Unknown expiry kind {kind}."),
    };

    private static P.ReferralRejection ToProto(Domain.Referrals.ReferralRejection? rejection) =>
        rejection is { } r && Enum.IsDefined(r) ? (P.ReferralRejection)(int)r
            : rejection is null ? P.ReferralRejection.None : throw new ArgumentOutOfRangeException(nameof(rejection), rejection, null);

    /// <summary>The stored rejection (NONE: null); numbers are the domain's.</summary>
    public static Domain.Referrals.ReferralRejection? FromProto(P.ReferralRejection rejection) =>
        rejection == P.ReferralRejection.None ? null
            : Enum.IsDefined((Domain.Referrals.ReferralRejection)(int)rejection) ? (Domain.Referrals.ReferralRejection)(int)rejection
            : throw new InvalidDataException($"Unknown referral rejection {rejection}.");

    private static P.TierChangeReason ToProto(TierChangeReason reason) => reason switch
    {
        TierChangeReason.Upgrade => P.TierChangeReason.Upgrade,
        TierChangeReason.Retained => P.TierChangeReason.Retained,
        TierChangeReason.Downgrade => P.TierChangeReason.Downgrade,
        TierChangeReason.AssignmentEnded => P.TierChangeReason.AssignmentEnded,
        TierChangeReason.FellBelow => P.TierChangeReason.FellBelow,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    private static TierChangeReason FromProto(P.TierChangeReason reason) => reason switch
    {
        P.TierChangeReason.Upgrade => TierChangeReason.Upgrade,
        P.TierChangeReason.Retained => TierChangeReason.Retained,
        P.TierChangeReason.Downgrade => TierChangeReason.Downgrade,
        P.TierChangeReason.AssignmentEnded => TierChangeReason.AssignmentEnded,
        P.TierChangeReason.FellBelow => TierChangeReason.FellBelow,
        _ => throw new InvalidDataException($"Unknown tier change reason {reason}."),
    };

    private static P.BenefitKind ToProto(BenefitKind kind) => kind switch
    {
        BenefitKind.PercentageDiscount => P.BenefitKind.PercentageDiscount,
        BenefitKind.FixedDiscount => P.BenefitKind.FixedDiscount,
        BenefitKind.FreeService => P.BenefitKind.FreeService,
        BenefitKind.BonusPoints => P.BenefitKind.BonusPoints,
        BenefitKind.EarlySaleAccess => P.BenefitKind.EarlySaleAccess,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static BenefitKind FromProto(P.BenefitKind kind) => kind switch
    {
        P.BenefitKind.PercentageDiscount => BenefitKind.PercentageDiscount,
        P.BenefitKind.FixedDiscount => BenefitKind.FixedDiscount,
        P.BenefitKind.FreeService => BenefitKind.FreeService,
        P.BenefitKind.BonusPoints => BenefitKind.BonusPoints,
        P.BenefitKind.EarlySaleAccess => BenefitKind.EarlySaleAccess,
        _ => throw new InvalidDataException($"Unknown benefit kind {kind}."),
    };

    private static P.FreeService ToProto(FreeService service) => service switch
    {
        FreeService.None => P.FreeService.None,
        FreeService.AdvanceReplacement => P.FreeService.AdvanceReplacement,
        FreeService.OnSiteService => P.FreeService.OnSiteService,
        FreeService.ExtendedWarranty => P.FreeService.ExtendedWarranty,
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, null),
    };

    private static FreeService FromProto(P.FreeService service) => service switch
    {
        P.FreeService.None => FreeService.None,
        P.FreeService.AdvanceReplacement => FreeService.AdvanceReplacement,
        P.FreeService.OnSiteService => FreeService.OnSiteService,
        P.FreeService.ExtendedWarranty => FreeService.ExtendedWarranty,
        _ => throw new InvalidDataException($"Unknown free service {service}."),
    };
}
