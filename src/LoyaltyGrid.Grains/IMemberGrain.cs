using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One member's points, serialised: every change is decided by the domain, made durable through the
/// group-committed journal, and only then answered. Key: <c>{program_id}/{member_id}</c> (see <see cref="MemberKey"/>).
/// An answer's <see cref="MemberEvent.BalanceAfter"/> is the balance after the request and what fell due with it
/// (<see cref="MemberAccount.Answer"/>), so it is what <see cref="Get"/> says right after; a retry answers the same.
/// </summary>
[Alias("lg.IMemberGrain")]
public interface IMemberGrain : IGrainWithStringKey
{
    [Alias("Enroll")]
    Task<GrainReply<MemberEnrolled>> Enroll(EnrollMember command);

    [Alias("RecordPurchase")]
    Task<GrainReply<PurchaseRecorded>> RecordPurchase(RecordPurchase command);

    /// <summary>What <see cref="RecordPurchase"/> would answer, without recording anything or using coupons.</summary>
    [Alias("PreviewPurchase")]
    Task<GrainReply<PurchaseRecorded>> PreviewPurchase(RecordPurchase command);

    [Alias("ReinstateExpiredPoints")]
    Task<GrainReply<PointsReinstated>> ReinstateExpiredPoints(ReinstateMemberPoints command);

    /// <summary>A program admin's manual credit or debit.</summary>
    [Alias("AdjustPoints")]
    Task<GrainReply<PointsAdjusted>> AdjustPoints(AdjustPoints command);

    /// <summary>A program admin puts the member in a tier by hand, optionally until an end.</summary>
    [Alias("AssignTier")]
    Task<GrainReply<TierAssigned>> AssignTier(AssignTier command);

    /// <summary>The member's own referral code: the same while valid, a new one once expired (claimed in its <see cref="IReferralCodeGrain"/>).</summary>
    [Alias("GetReferralCode")]
    Task<GrainReply<ReferralCodeStatus>> GetReferralCode();

    /// <summary>Digests of the member's email and phone, from its profile (null: none); true if they changed. Idempotent by content.</summary>
    [Alias("SetContactDigests")]
    Task<GrainReply<bool>> SetContactDigests(string? emailDigest, string? phoneDigest);

    /// <summary>As the referrer: accepts or rejects a new member who enrolled with this member's code (idempotent by referee).</summary>
    [Alias("RecordReferral")]
    Task<GrainReply<ReferralMade>> RecordReferral(RecordReferral command);

    /// <summary>As the referrer: how a referral ended (its reward credited once, however often delivered).</summary>
    [Alias("SettleReferral")]
    Task<GrainReply<ReferralSettled>> SettleReferral(SettleReferral command);

    /// <summary>The referrals this member made, newest first (read from its journal).</summary>
    [Alias("ListReferrals")]
    Task<GrainReply<IReadOnlyList<Domain.Referrals.ReferralSummary>>> ListReferrals();

    /// <summary>The coalition partner whose referral code this member enrolled with (PartnerReferred), or null.</summary>
    [Alias("ReferringPartner")]
    Task<GrainReply<string?>> ReferringPartner();

    /// <summary>The referral this member enrolled with (its ReferredBy, with the referrer's answer), or null.</summary>
    [Alias("EnrolmentReferral")]
    Task<GrainReply<ReferredBy?>> EnrolmentReferral();

    /// <summary>A custom event the program's rules reward (RecordEvent): points, or a refusal that changes nothing.</summary>
    [Alias("RecordEvent")]
    Task<GrainReply<EventRecorded>> RecordEvent(RecordEvent command);

    /// <summary>A program admin takes back what is left of one purchase's or credit adjustment's points.</summary>
    [Alias("CancelEarning")]
    Task<GrainReply<EarningCancelled>> CancelEarning(CancelEarning command);

    /// <summary>
    /// The sender's side of a transfer: debits the points and keeps the transfer in flight until <see cref="SettleTransfer"/>.
    /// While it is in flight, this grain delivers it to the receiver itself whenever it is woken (timer, wake-up service).
    /// </summary>
    [Alias("TransferPoints")]
    Task<GrainReply<SentTransfer>> TransferPoints(TransferPoints command);

    /// <summary>The receiver's side: credits the transfer once, however often it is delivered (idempotent by transfer id).</summary>
    [Alias("ReceiveTransfer")]
    Task<GrainReply<PointsTransferredIn>> ReceiveTransfer(ReceiveTransfer command);

    /// <summary>The sender learns the receiver credited (or refused: <paramref name="refunded"/>) a transfer; nothing if already settled.</summary>
    [Alias("SettleTransfer")]
    Task SettleTransfer(string transferId, bool refunded);

    /// <summary>Whether the member is enrolled or imported (a transfer's receiver, a profile's member must be). Changes nothing.</summary>
    /// <summary>Credits a feedback's completion reward once: a second hand-over of the same feedback is a replay.</summary>
    [Alias("CreditFeedbackReward")]
    Task<GrainReply<FeedbackRewardCredited>> CreditFeedbackReward(CreditFeedbackReward command);

    /// <summary>Credits an accepted bonus offer once: a second hand-over of the same acceptance is a replay.</summary>
    [Alias("CreditOfferBonus")]
    Task<GrainReply<OfferBonusCredited>> CreditOfferBonus(CreditOfferBonus command);

    /// <summary>A reward's debit, sent by the reward's grain after it reserved a unit: refused for the tier or the points.</summary>
    [Alias("RedeemRewardPoints")]
    Task<GrainReply<RewardRedeemed>> RedeemRewardPoints(RedeemRewardPoints command);

    /// <summary>A cancelled reward code's points back, sent by the reward's grain once; a second hand-over is a replay.</summary>
    [Alias("RefundRewardPoints")]
    Task<GrainReply<RewardRedemptionRefunded>> RefundRewardPoints(RefundRewardPoints command);

    /// <summary>Whether <paramref name="transactionId"/> is an open purchase of the member (MEMBER_NOT_FOUND if not enrolled).</summary>
    [Alias("FindOpenPurchase")]
    Task<GrainReply<OpenPurchase>> FindOpenPurchase(string transactionId);

    [Alias("IsEnrolled")]
    Task<bool> IsEnrolled();

    [Alias("RecordReturn")]
    Task<GrainReply<ReturnRecorded>> RecordReturn(RecordReturn command);

    [Alias("AuthorizeRedemption")]
    Task<GrainReply<RedemptionAuthorized>> AuthorizeRedemption(AuthorizeRedemption command);

    [Alias("CaptureRedemption")]
    Task<GrainReply<RedemptionCaptured>> CaptureRedemption(CaptureRedemption command);

    [Alias("VoidRedemption")]
    Task<GrainReply<RedemptionReleased>> VoidRedemption(VoidRedemption command);

    [Alias("Get")]
    Task<GrainReply<MemberView>> Get();

    /// <summary>The segments the member is in now (what has fallen due applied first), in ordinal order.</summary>
    [Alias("Segments")]
    Task<GrainReply<IReadOnlyList<string>>> Segments();

    /// <summary>Ledger entries older than <paramref name="beforeSequence"/> (null: from the newest), newest first.</summary>
    [Alias("ListLedger")]
    Task<GrainReply<LedgerPage>> ListLedger(int pageSize, long? beforeSequence);

    /// <summary>
    /// The birthday's month and day (0, 0: none), from the member's profile; true if it changed. Idempotent by content. A
    /// birthday bonus that falls due with it is given in the same commit. MEMBER_NOT_FOUND for a member not enrolled.
    /// </summary>
    [Alias("SetBirthday")]
    Task<GrainReply<bool>> SetBirthday(int month, int day);

    /// <summary>
    /// The member granted marketing consent (SetConsent <paramref name="requestId"/>, from the profile): gives the
    /// program's consent bonus if the member never had it; true if it did now. Idempotent: once per member, whatever
    /// the request. MEMBER_NOT_FOUND for a member not enrolled.
    /// </summary>
    [Alias("ConsentGranted")]
    Task<GrainReply<bool>> ConsentGranted(string requestId);

    /// <summary>
    /// The channels the member has granted marketing consent on now (bits as <see cref="Domain.Messaging.MessageChannels"/>),
    /// from its profile after every consent change, for segments; true if they changed. Idempotent by content.
    /// MEMBER_NOT_FOUND for a member not enrolled.
    /// </summary>
    [Alias("SetMarketingConsents")]
    Task<GrainReply<bool>> SetMarketingConsents(int channels);

    /// <summary>
    /// The member's NPS answer (0-10) in feedback <paramref name="feedbackId"/>, from its feedback stream after the feedback
    /// is durable and again on a retry, for segments; true if it is now the latest answer. The latest answer counts, so
    /// an older or repeated one changes nothing. MEMBER_NOT_FOUND for a member not enrolled.
    /// </summary>
    [Alias("RecordNps")]
    Task<GrainReply<bool>> RecordNps(string feedbackId, int score, DateTimeOffset answeredAt);

    /// <summary>Applies what has fallen due (holds, pending points, expiry, tier review); called by the silo's wake-up service.</summary>
    [Alias("WakeUp")]
    Task WakeUp();
}
