using LoyaltyGrid.Domain.Benefits;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Profiles;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Security;

namespace LoyaltyGrid.Storage.Tests;

/// <summary>One event of every stored kind, with every field set (lists non-empty, optional values present), at fixed times.</summary>
internal static class FormatSamples
{
    private static readonly DateTimeOffset At = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);
    public static readonly DateTimeOffset Later = At.AddTicks(1_234_567);
    private static readonly Balance Balance = new(1, 2, 3, 40, 5, 6, 7, 8);

    public static IReadOnlyList<(string Name, MemberEvent Event)> MemberEvents { get; } =
    [
        ("member-enrolled", new MemberEnrolled("prog-1", "member-1", "card-1") { RequestId = "req-1", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("member-enrolled-minimal", new MemberEnrolled("prog-1", "member-1", null) { OccurredAt = At, RecordedAt = At }),
        ("member-enrolled-at-till", new MemberEnrolled("prog-1", "member-1", "card-1")
        {
            MerchantId = "merchant-1", StoreId = "store-1", TerminalId = "till-1", OccurredAt = At, RecordedAt = At,
        }),
        ("purchase-recorded", new PurchaseRecorded("tx-1", "merchant-1", "store-1", "term-1", "EUR",
            [new PurchaseLine("latte", "coffee", 2, 450), new PurchaseLine("mug", "", 1, 1200)], 2100, 420, "base-rate")
        {
            Components =
            [
                new PointsComponent("base-rate", null, 210, "10 points per EUR") { LinePoints = [90, 120] },
                new PointsComponent("promotion:double", "double", 200, "double points") { MinKeptMinor = 900 },
            ],
            LineNetMinor = [900, 700],
            LineQualifyingMinor = [900, 0],
            Discounts = [new DiscountLine("bogo", "CODE-1", "mug", 1, 500, "half off")],
            PunchLines = [new PunchLine("coffee-card", "latte", 2, 1)],
            PunchCards = [new PunchCardChange("coffee-card", 8, 1, 10, 1) { Carry = 1 }],
            Coupons = [new CouponOutcome("CODE-1", "bogo", true, null, null, 500, 0), new CouponOutcome("CODE-2", null, false, "COUPON_EXPIRED", "expired", 0, 0)],
            PromotionsUsed = ["double", "bogo"],
            EligibleBenefits = [new BenefitOffer("benefit-1", "Free warranty", BenefitKind.FreeService, 0, 0, FreeService.ExtendedWarranty, 0, Later)],
            AppliedBenefitIds = ["benefit-1"],
            PendingUntil = At.AddDays(14),
            Tier = new TierSnapshot("gold", "Gold", 150, ["free-shipping"]),
            RequestId = "req-2", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance,
        }),
        ("purchase-recorded-bounce-back", new PurchaseRecorded("tx-1", "merchant-1", "store-1", "term-1", "EUR",
            [new PurchaseLine("latte", "coffee", 20, 500)], 10_000, 1_000, "base-rate")
        {
            Components = [new PointsComponent("base-rate", null, 1_000, "10 points per EUR") { LinePoints = [1_000] }],
            LineNetMinor = [10_000],
            LineQualifyingMinor = [10_000],
            PromotionsUsed = ["come-back"],
            BounceBackCoupons = [new BounceBackCoupon("BB-7KQ2-MX9P-4RTA-H3JD", "come-back", "tx-1", 10, 0, At, At.AddDays(30), 10_000)],
            RequestId = "req-2", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance,
        }),
        ("return-recorded", new ReturnRecorded("ret-1", "tx-1", [new ReturnLine("latte", 1)], 450, 90, 5, "merchant-1", "store-1", "term-1")
        {
            PendingCancelled = 40,
            Reversed = [new PointsComponent("base-rate", null, 45, "10 points per EUR") { LinePoints = [45, 0] }],
            PunchCards = [new PunchCardChange("coffee-card", 1, 0, 10, 0) { Carry = 1 }],
            PromotionsReleased = ["double"],
            CouponsReleased = ["CODE-1"],
            RequestId = "req-3", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance,
        }),
        ("redemption-authorized", new RedemptionAuthorized("hold-1", 300, At.AddMinutes(15), "merchant-1", "store-1", "term-1")
            { RequestId = "req-4", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("redemption-captured", new RedemptionCaptured("hold-1", 300) { MerchantId = "merchant-1", RequestId = "req-5", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("redemption-released", new RedemptionReleased("hold-2", 100, HoldReleaseReason.Expired) { MerchantId = "merchant-1", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("points-matured", new PointsMatured("tx-1", 420, At) { OccurredAt = At.AddDays(14), RecordedAt = Later, BalanceAfter = Balance }),
        ("points-expired", new PointsExpired(840, ExpiryKind.FifoLots, ["tx-1", "tx-2"]) { OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("points-reinstated", new PointsReinstated(840, [11, 12], "rein-1", "admin", "goodwill") { RequestId = "req-6", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("tier-changed", new TierChanged("silver", "gold", TierChangeReason.Upgrade, 57_400, At.AddMonths(12)) { OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("tier-changed-minimal", new TierChanged(null, null, TierChangeReason.Downgrade, 0, null) { OccurredAt = At, RecordedAt = At }),
        ("tier-changed-assignment-ended", new TierChanged("platinum", "silver", TierChangeReason.AssignmentEnded, 21_000, At.AddMonths(12)) { RequestId = "req-12", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("tier-changed-fell-below", new TierChanged("gold", null, TierChangeReason.FellBelow, 0, null) { OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("tier-assigned", new TierAssigned("silver", "platinum", At.AddMonths(6), "key:k1 (desk)", "Complaint 4711")
            { RequestId = "req-13", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("referral-code-issued", new ReferralCodeIssued("7K3M9Q2P", 2, At.AddDays(90)) { OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("referral-code-issued-minimal", new ReferralCodeIssued("7K3M9Q2P", 1, null) { OccurredAt = At, RecordedAt = At }),
        ("referral-made", new ReferralMade("ref_1", "member-2", "7K3M9Q2P", null)
            { RequestId = "referral/member-2", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("referral-made-rejected", new ReferralMade("ref_2", "member-3", "7K3M9Q2P", LoyaltyGrid.Domain.Referrals.ReferralRejection.CapReached)
            { RequestId = "referral/member-3", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = At }),
        ("referred-by", new ReferredBy("ref_1", "7K3M9Q2P", "member-1", null) { RequestId = "req-15", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("referred-by-rejected", new ReferredBy("ref_3", "7K3M9Q2P", "member-1", LoyaltyGrid.Domain.Referrals.ReferralRejection.SelfReferral) { OccurredAt = At, RecordedAt = At }),
        ("referral-purchase-qualified", new ReferralPurchaseQualified("ref_1", "tx-1", At.AddDays(14)) { RequestId = "req-16", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("contact-digests-changed", new ContactDigestsChanged("ZW1haWwtZGlnZXN0", "cGhvbmUtZGlnZXN0") { OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("contact-digests-changed-erased", new ContactDigestsChanged(null, null) { OccurredAt = At, RecordedAt = At }),
        ("segments-changed", new SegmentsChanged(["vip", "weekly"], ["lapsed"], At.AddDays(30))
            { RequestId = "req-30", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("segments-changed-minimal", new SegmentsChanged([], [], null) { OccurredAt = At, RecordedAt = At }),
        ("marketing-consents-changed", new MarketingConsentsChanged(0b101) { OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("marketing-consents-changed-none", new MarketingConsentsChanged(0) { OccurredAt = At, RecordedAt = At }),
        ("tier-risk-checked", new TierRiskChecked("gold", At.AddDays(14), 4_200, 5_000) { OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("nps-answered", new NpsAnswered("fb_1", 9) { OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("partner-referred", new PartnerReferred("merchant-1", "7K3M9Q2P") { RequestId = "req-40", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("partner-referral-fee-due", new PartnerReferralFeeDue("merchant-1", "merchant-2", "tx-1", 1_500)
            { RequestId = "req-41", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("referral-closed", new ReferralClosed("ref_1", "member-1", 200, 500, null) { OccurredAt = At.AddDays(14), RecordedAt = Later, BalanceAfter = Balance }),
        ("referral-closed-voided", new ReferralClosed("ref_1", "member-1", 0, 0, LoyaltyGrid.Domain.Referrals.ReferralRejection.PurchaseReturned) { RequestId = "req-17", OccurredAt = At, RecordedAt = At }),
        ("referral-settled", new ReferralSettled("ref_1", "member-2", 500, null)
            { RequestId = "referral-settled/ref_1", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("referral-settled-voided", new ReferralSettled("ref_1", "member-2", 0, LoyaltyGrid.Domain.Referrals.ReferralRejection.PurchaseReturned)
            { RequestId = "referral-settled/ref_1", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = At }),
        ("referral-outcome-delivered", new ReferralOutcomeDelivered("ref_1", 200, null) { OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("referral-outcome-delivered-voided", new ReferralOutcomeDelivered("ref_1", 0, LoyaltyGrid.Domain.Referrals.ReferralRejection.SelfReferral) { OccurredAt = At, RecordedAt = At }),
        ("tier-assigned-minimal", new TierAssigned(null, "gold", null, "admin", "VIP") { RequestId = "req-14", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = At }),
        ("return-recorded-with-outcome", new ReturnRecorded("ret-2", "tx-1", [new ReturnLine("latte", 1)], 450, 45, 0, null, null, null)
            { KeptQualifyingMinor = 900, FullyReturned = true, RequestId = "req-9", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("return-recorded-after-expiry", new ReturnRecorded("ret-3", "tx-1", [new ReturnLine("latte", 1)], 450, 10, 0, null, null, null)
            {
                AlreadyExpired = 35,
                Reversed = [new PointsComponent("base-rate", null, 45, "10 points per EUR")],
                KeptQualifyingMinor = 450, FullyReturned = false, RequestId = "req-10", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance,
            }),
        ("books-closed", new BooksClosed(At.AddDays(-365), At.AddMonths(-12)) { OccurredAt = At, RecordedAt = At, BalanceAfter = Balance, LotsByMonthBefore = At.AddDays(-365) }),
        ("books-closed-minimal", new BooksClosed(At.AddDays(-365), At.AddDays(-365)) { OccurredAt = At, RecordedAt = At }),
        ("member-imported", new MemberImported("shop", "ann", "4000-1234", 1_500, "migration from the old system", "gold", At.AddMonths(12), "import-1")
            { OccurredAt = At.AddYears(-3), RecordedAt = At, RequestId = "import-1", BalanceAfter = Balance }),
        ("points-adjusted", new PointsAdjusted("adj-1", 250, AdjustmentReason.Goodwill, "late parcel", "key:k1 (desk)", At.AddMonths(3))
            { RequestId = "req-10", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance with { LifetimeAdjusted = 250 } }),
        ("points-adjusted-debit", new PointsAdjusted("adj-2", -40, AdjustmentReason.Correction, "double booked", "key:k1 (desk)", null)
            { RequestId = "req-11", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance with { LifetimeAdjusted = -40 } }),
        ("earning-cancelled", new EarningCancelled("tx-1", null, 420, 20, AdjustmentReason.Other, "fraudulent receipt", "key:k1 (desk)")
            { RequestId = "req-12", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("earning-cancelled-adjustment", new EarningCancelled(null, "adj-1", 250, 0, AdjustmentReason.Migration, "entered twice", "key:k1 (desk)")
            { RequestId = "req-13", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("points-transferred-out", new PointsTransferredOut("xfer-1", "member-2", 300, "happy birthday")
            { RequestId = "req-15", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance with { LifetimeTransferredOut = 300 } }),
        ("points-transferred-in", new PointsTransferredIn("xfer-1", "member-1", 300, "happy birthday")
            { RequestId = "transfer/xfer-1", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance with { LifetimeTransferredIn = 300 } }),
        ("transfer-settled", new TransferSettled("xfer-1", 300, false) { OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("transfer-settled-refunded", new TransferSettled("xfer-2", 50, true) { OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("member-imported-minimal", new MemberImported("shop", "bob", null, 0, null, null, null, "import-1") { OccurredAt = At, RecordedAt = At }),
        ("historical-purchase-imported", new HistoricalPurchaseImported("shop", "ann", "legacy-991", 12_995, "EUR", "acme", "store-12", "history-1")
            { OccurredAt = At.AddYears(-6), RecordedAt = At, RequestId = "history-1" }),
        ("historical-purchase-imported-minimal", new HistoricalPurchaseImported("shop", "bob", "legacy-992", 0, "EUR", null, null, "history-1")
            { OccurredAt = At, RecordedAt = At }),
        ("birthday-changed", new BirthdayChanged(2, 29, 2027) { OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("birthday-changed-removed", new BirthdayChanged(0, 0, 2026) { OccurredAt = At, RecordedAt = At }),
        ("birthday-bonus-awarded", new BirthdayBonusAwarded(2026, 500) { OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("event-recorded", new EventRecorded("evt-1", "review_written", 50, "review-77", "key:k1 (till 7)", 2, At.AddDays(-1), At.AddDays(6))
            { RequestId = "req-16", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("event-recorded-once", new EventRecorded("evt-2", "app_installed", 100, null, "key:k1 (till 7)", 1, null, null)
            { RequestId = "req-17", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = At }),
        ("enrolment-bonus-awarded", new EnrolmentBonusAwarded(200) { RequestId = "req-1", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("consent-bonus-awarded", new ConsentBonusAwarded(75) { RequestId = "req-18", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("feedback-reward-credited", new FeedbackRewardCredited("fb_0190a1b2c3d47e8f9a0b1c2d3e4f5a6b", 50, "tx_0190a1b2c3d47e8f9a0b1c2d3e4f5a6c", "merchant-1", "store-1")
            { RequestId = "feedback-reward:fb_0190a1b2c3d47e8f9a0b1c2d3e4f5a6b", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("feedback-reward-credited-minimal", new FeedbackRewardCredited("fb_0190a1b2c3d47e8f9a0b1c2d3e4f5a6b", 50, null, null, null)
            { OccurredAt = At, RecordedAt = At, BalanceAfter = Balance }),
        ("offer-bonus-credited", new OfferBonusCredited("double-week", 2, 500)
            { RequestId = "offer-bonus:double-week:2", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("reward-redeemed", new RewardRedeemed("coffee", "coffee.7K2M9QX4TB", 300, "merchant-2")
            { RequestId = "req-19", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("reward-redeemed-minimal", new RewardRedeemed("coffee", "coffee.7K2M9QX4TB", 300, null) { OccurredAt = At, RecordedAt = At }),
        ("reward-redemption-refunded", new RewardRedemptionRefunded("coffee", "coffee.7K2M9QX4TB", 300, "merchant-2")
            { RequestId = "reward-refund:coffee.7K2M9QX4TB", Fingerprint = "2:fp", OccurredAt = At, RecordedAt = Later, BalanceAfter = Balance }),
        ("reward-redemption-refunded-minimal", new RewardRedemptionRefunded("coffee", "coffee.7K2M9QX4TB", 300, null) { OccurredAt = At, RecordedAt = At }),
    ];

    public static IReadOnlyList<(string Name, LoyaltyGrid.Domain.Rewards.RewardEvent Event)> RewardEvents { get; } =
    [
        ("reward-defined", new LoyaltyGrid.Domain.Rewards.RewardDefined(new LoyaltyGrid.Domain.Rewards.Reward("spa", "Spa afternoon", "Two hours",
            LoyaltyGrid.Domain.Rewards.RewardKind.PartnerService, 5_000, "sku-1", 500, 10, "Spa", "Red Cross", 250, "merchant-2", 100, 2, At,
            At.AddDays(30), ["gold", "silver"], TimeSpan.FromDays(14)), "key:admin (Admin)")
            { RequestId = "/req-20", Fingerprint = "2:fp", At = Later }),
        ("reward-defined-segments", new LoyaltyGrid.Domain.Rewards.RewardDefined(new LoyaltyGrid.Domain.Rewards.Reward("lounge", "Lounge pass", "",
            LoyaltyGrid.Domain.Rewards.RewardKind.FreeProduct, 900, "sku-9", 0, 0, null, null, 0, null, 10, 1, At, null, [], TimeSpan.FromDays(30))
            { SegmentIds = ["champions", "vip"] }, "key:admin (Admin)") { RequestId = "/req-22", Fingerprint = "2:fp", At = Later }),
        ("reward-defined-minimal", new LoyaltyGrid.Domain.Rewards.RewardDefined(new LoyaltyGrid.Domain.Rewards.Reward("coffee", "Coffee", "",
            LoyaltyGrid.Domain.Rewards.RewardKind.FixedDiscount, 300, null, 500, 0, null, null, 0, null, 10, 0, At, null, [],
            TimeSpan.FromDays(30)), "key:admin (Admin)") { At = At }),
        ("reward-reserved", new LoyaltyGrid.Domain.Rewards.RewardReserved("coffee.7K2M9QX4TB", "member-1", 300, At.AddDays(30))
            { RequestId = "member-1/req-21", Fingerprint = "2:fp", At = At }),
        ("reward-issued", new LoyaltyGrid.Domain.Rewards.RewardIssued("coffee.7K2M9QX4TB", 700) { At = Later }),
        ("reward-reservation-released", new LoyaltyGrid.Domain.Rewards.RewardReservationReleased("coffee.7K2M9QX4TB", "INSUFFICIENT_POINTS") { At = Later }),
        ("reward-redemption-cancelled", new LoyaltyGrid.Domain.Rewards.RewardRedemptionCancelled("coffee.7K2M9QX4TB")
            { RequestId = "member-1/req-22", Fingerprint = "2:fp", At = Later }),
        ("reward-refunded", new LoyaltyGrid.Domain.Rewards.RewardRefunded("coffee.7K2M9QX4TB", 1_000) { At = Later }),
    ];

    /// <summary>
    /// A reward after a definition, a redemption issued (member-1), one cancelled and refunded (member-2) and one
    /// reserved (member-3): every kind of redemption the snapshot keeps, holdings and remembered requests.
    /// </summary>
    public static LoyaltyGrid.Domain.Rewards.RewardState RewardSnapshot()
    {
        var state = new LoyaltyGrid.Domain.Rewards.RewardState();
        LoyaltyGrid.Domain.Rewards.RewardEvent[] events =
        [
            RewardEvents[0].Event,
            new LoyaltyGrid.Domain.Rewards.RewardReserved("spa.7K2M9QX4TB", "member-1", 5_000, At.AddDays(14)) { RequestId = "member-1/req-21", Fingerprint = "2:fp1", At = Later },
            new LoyaltyGrid.Domain.Rewards.RewardIssued("spa.7K2M9QX4TB", 700) { At = Later },
            new LoyaltyGrid.Domain.Rewards.RewardReserved("spa.AAAABBBBCC", "member-2", 5_000, At.AddDays(14)) { RequestId = "member-2/req-1", Fingerprint = "2:fp2", At = Later },
            new LoyaltyGrid.Domain.Rewards.RewardIssued("spa.AAAABBBBCC", 0) { At = Later },
            new LoyaltyGrid.Domain.Rewards.RewardRedemptionCancelled("spa.AAAABBBBCC") { RequestId = "member-2/req-2", Fingerprint = "2:fp3", At = Later },
            new LoyaltyGrid.Domain.Rewards.RewardRefunded("spa.AAAABBBBCC", 5_000) { At = Later },
            new LoyaltyGrid.Domain.Rewards.RewardReserved("spa.ZZZZ000011", "member-3", 5_000, At.AddDays(14)) { RequestId = "member-3/req-9", Fingerprint = "2:fp4", At = Later },
        ];
        for (var i = 0; i < events.Length; i++)
        {
            state.Apply(events[i], i + 1);
        }
        return state;
    }

    public static IReadOnlyList<(string Name, LoyaltyGrid.Domain.Rewards.RewardCodeEvent Event)> RewardCodeEvents { get; } =
    [
        ("reward-code-issued", new LoyaltyGrid.Domain.Rewards.RewardCodeIssued(new LoyaltyGrid.Domain.Rewards.RewardCode("latte.7K2M9QX4TB", "latte",
            "Free latte", "member-1", LoyaltyGrid.Domain.Rewards.RewardKind.FreeProduct, "latte", 500, 10, "merchant-2", At, At.AddDays(30))) { At = At }),
        ("reward-code-issued-minimal", new LoyaltyGrid.Domain.Rewards.RewardCodeIssued(new LoyaltyGrid.Domain.Rewards.RewardCode("coffee.7K2M9QX4TB",
            "coffee", "5 EUR off", "member-1", LoyaltyGrid.Domain.Rewards.RewardKind.FixedDiscount, null, 500, 0, null, At, At.AddDays(30))) { At = At }),
        ("reward-code-used", new LoyaltyGrid.Domain.Rewards.RewardCodeUsed("member-1", "member-1/req-23") { At = Later }),
        ("reward-code-use-released", new LoyaltyGrid.Domain.Rewards.RewardCodeUseReleased("member-1", "member-1/req-23") { At = Later }),
        ("reward-code-cancelled", new LoyaltyGrid.Domain.Rewards.RewardCodeCancelled { At = Later }),
    ];

    /// <summary>Issue 12 part 5: an offer's stream, a member's responses and a program's list of offers.</summary>
    public static IReadOnlyList<(string Name, LoyaltyGrid.Domain.Offers.OfferEvent Event)> OfferEvents { get; } =
    [
        ("offer-created", new LoyaltyGrid.Domain.Offers.OfferCreated(new LoyaltyGrid.Domain.Offers.Offer("double-week", "Double week",
            "500 points on us", LoyaltyGrid.Domain.Offers.OfferKind.BonusPoints, 500, null, null, ["member-1", "member-2"], ["gold"], [],
            At, At.AddDays(7), 2, 1000, 250), "key:admin-1") { RequestId = "req-30", Fingerprint = "2:fp", At = At }),
        ("offer-created-coupon", new LoyaltyGrid.Domain.Offers.OfferCreated(new LoyaltyGrid.Domain.Offers.Offer("ten-off-you", "Ten off",
            "", LoyaltyGrid.Domain.Offers.OfferKind.Coupon, 0, "ten-off", null, [], [], [], At, At.AddDays(30), 1, 0, 0), "key:admin-1") { At = At }),
        ("offer-created-reward", new LoyaltyGrid.Domain.Offers.OfferCreated(new LoyaltyGrid.Domain.Offers.Offer("coffee-now", "Coffee",
            "", LoyaltyGrid.Domain.Offers.OfferKind.Reward, 0, null, "coffee", [], ["silver"], [], At, At.AddDays(1), 1, 10, 0), "key:admin-1") { At = At }),
        ("offer-counted", new LoyaltyGrid.Domain.Offers.OfferCounted("member-1", LoyaltyGrid.Domain.Offers.OfferResponse.Accepted, true)
            { RequestId = "member-1:3", At = Later }),
    ];

    /// <summary>An offer after its definition and three counted responses (two members shown, one accepting).</summary>
    public static LoyaltyGrid.Domain.Offers.OfferState OfferSnapshot()
    {
        var state = new LoyaltyGrid.Domain.Offers.OfferState();
        LoyaltyGrid.Domain.Offers.OfferEvent[] events =
        [
            OfferEvents[0].Event,
            new LoyaltyGrid.Domain.Offers.OfferCounted("member-1", LoyaltyGrid.Domain.Offers.OfferResponse.Shown, true) { RequestId = "member-1:1", At = Later },
            new LoyaltyGrid.Domain.Offers.OfferCounted("member-2", LoyaltyGrid.Domain.Offers.OfferResponse.Shown, true) { RequestId = "member-2:1", At = Later },
            OfferEvents[3].Event,
        ];
        for (var i = 0; i < events.Length; i++)
        {
            state.Apply(events[i], i + 1);
        }
        return state;
    }

    public static IReadOnlyList<(string Name, LoyaltyGrid.Domain.Offers.MemberOfferResponded Event)> MemberOfferEvents { get; } =
    [
        ("member-offer-accepted", new LoyaltyGrid.Domain.Offers.MemberOfferResponded("ten-off-you", LoyaltyGrid.Domain.Offers.OfferResponse.Accepted,
            1, At.AddDays(30), 0, "7KQ2-MX9P-4RTA", null, "key:app-1", true) { RequestId = "req-31", Fingerprint = "2:fp", RecordedAt = Later }),
        ("member-offer-reward-accepted", new LoyaltyGrid.Domain.Offers.MemberOfferResponded("coffee-now", LoyaltyGrid.Domain.Offers.OfferResponse.Accepted,
            2, At.AddDays(1), 300, null, "coffee.7K2M9QX4TB", "key:app-1", false) { RequestId = "req-32", Fingerprint = "2:fp", RecordedAt = Later }),
        ("member-offer-shown", new LoyaltyGrid.Domain.Offers.MemberOfferResponded("double-week", LoyaltyGrid.Domain.Offers.OfferResponse.Shown,
            0, At.AddDays(7), 0, null, null, "key:till-1", true) { RecordedAt = At }),
    ];

    public static IReadOnlyList<(string Name, LoyaltyGrid.Domain.Offers.OfferListed Event)> OfferCatalogEvents { get; } =
    [
        ("offer-listed", new LoyaltyGrid.Domain.Offers.OfferListed("double-week", At)),
    ];

    public static IReadOnlyList<(string Name, LoyaltyGrid.Domain.Rewards.RewardListed Event)> RewardCatalogEvents { get; } =
    [
        ("reward-listed", new LoyaltyGrid.Domain.Rewards.RewardListed("coffee", At)),
    ];

    /// <summary>A member state with every field of the snapshot set (a returned purchase, a closed hold, folded months).</summary>
    /// <summary>Issue 11 part 5: the sample state with two open bounce-back coupons.</summary>
    public static MemberState MemberSnapshotWithBounceBack()
    {
        var state = MemberSnapshot();
        state.BounceBackCoupons.AddRange(BounceBack);
        return state;
    }

    private static readonly BounceBackCoupon[] BounceBack =
    [
        new("BB-7KQ2-MX9P-4RTA-H3JD", "come-back", "tx-1", 10, 0, At, At.AddDays(30), 10_000),
        new("BB-2345-6789-ABCD-EFGH", "five-back", "tx-2", 0, 500, Later, Later.AddDays(7), 1),
    ];

    public static MemberState MemberSnapshot()
    {
        var state = new MemberState
        {
            Version = 42,
            Profile = new MemberProfile("prog-1", "member-1", "card-1", At),
            Balance = Balance with { LifetimeAdjusted = 9, LifetimeTransferredOut = 10, LifetimeTransferredIn = 11 },
            Tier = new TierStatus("gold", At, Later),
            LastActivityAt = Later,
            KeptPurchaseCount = 7,
            LastKeptPurchaseAt = Later,
            LastFoldedPurchaseAt = At.AddDays(-400),
            ClosedBefore = At.AddDays(-365),
            OldestOpenPurchaseAt = At,
            SweptAt = Later,
            FirstPurchaseAt = At.AddDays(-800),
            LastPurchaseAt = Later,
            Birthday = new BirthdayStatus(3, 14, 2027),
            ConsentBonusGiven = true,
        };
        state.EventCounts["review_written"] = new EventCount(2, At.AddDays(-1), At.AddDays(6));
        state.EventCounts["app_installed"] = new EventCount(1, null, null);
        var returns = new ReturnProgress { ReturnedMinor = 450, ReversedPoints = 90, CouponsReleased = true, AlreadyExpired = 4 };
        returns.ReturnedQuantities["latte"] = 1;
        returns.ReversedByRule["base-rate"] = 90;
        returns.PromotionsReleased.Add("double");
        returns.PunchCarry["coffee-card"] = 1;
        state.Purchases["tx-1"] = new PurchaseRecord { TransactionId = "tx-1", Sequence = 40, OccurredAt = At, Points = 420, PendingPoints = 10, Returns = returns, Expired = new() { [12] = 25 } };
        state.Purchases["tx-2"] = new PurchaseRecord { TransactionId = "tx-2", Sequence = 41, OccurredAt = Later, Points = 5, FullyReturned = true, EarningCancelled = true };
        state.Facts.Add(new PurchaseFact { Sequence = 40, OccurredAt = At, KeptQualifyingMinor = 1650, KeptPoints = 330 });
        state.Months.Add(new MonthTotals(MonthTotals.MonthOf(At.AddDays(-400)), 3, 12_000, 1_200));
        state.Holds["hold-1"] = new HoldRecord("hold-1", 100, Later, HoldStatus.Open, "merchant-1");
        state.Holds["hold-2"] = new HoldRecord("hold-2", 50, At, HoldStatus.Captured, null, Later);
        state.Requests["req-1"] = new RequestRecord("2:fp", Later, 41);
        state.PromotionUses["double"] = 2;
        state.PunchProgress["coffee-card"] = 3;
        state.PendingUntil["tx-1"] = At.AddDays(14);
        // Set whole, as a snapshot load does, so the state counts its dated lot (adding to the list would not).
        state.Lots =
        [
            new PointsLot { LotId = "month-2025-02", EarnedAt = At.AddDays(-400), Remaining = 11 },
            new PointsLot { LotId = "tx-1", EarnedAt = At, Remaining = 320 },
            new PointsLot { LotId = "adj-1", EarnedAt = Later, Remaining = 250, ExpiresAt = At.AddMonths(3) },
        ];
        state.TransfersInFlight["xfer-1"] = new TransferInFlight("xfer-1", "member-2", 300, "happy birthday", At);
        state.TransfersInFlight["xfer-3"] = new TransferInFlight("xfer-3", "member-3", 20, null, Later);
        state.RecentTransfers.Add(new TransferSent(At, 300));
        state.Expirations.Add(new Expiration { ExpiryId = 12, ExpiredAt = At.AddDays(-30), Points = 25, Reinstated = true });
        return state;
    }

    /// <summary><see cref="MemberSnapshot"/> with a tier assigned by hand until a date (snapshot field 70).</summary>
    public static MemberState MemberSnapshotWithAssignedTier()
    {
        var state = MemberSnapshot();
        state.Tier = new TierStatus("platinum", At, null) { Assigned = true, AssignedUntil = At.AddMonths(6) };
        return state;
    }

    /// <summary>
    /// <see cref="MemberSnapshot"/> in two segments, looked at again in 30 days, with the facts segments read that no other
    /// rule does: consents, the latest NPS answer, merchants visited (snapshot fields 80-84).
    /// </summary>
    public static MemberState MemberSnapshotWithSegments()
    {
        var state = MemberSnapshot();
        state.Segments.UnionWith(["weekly", "vip"]);
        state.SegmentsReviewAt = At.AddDays(30);
        state.MarketingConsents = 0b011;
        state.TierRiskCheckedFor = At.AddDays(14);
        state.LatestNps = new NpsAnswer("fb_1", 4, At.AddDays(-2));
        state.MerchantVisits["merchant-2"] = At.AddDays(-10);
        state.MerchantVisits["merchant-1"] = At;
        return state;
    }

    /// <summary><see cref="MemberSnapshot"/> with a referral code, recent referrals and an open referral (snapshot fields 71-73).</summary>
    /// <summary>A member a coalition partner referred, whose referral fee was made due.</summary>
    public static MemberState MemberSnapshotWithPartnerReferral()
    {
        var state = MemberSnapshotWithSegments();
        state.ReferringPartnerId = "merchant-1";
        state.PartnerReferralFeeRaised = true;
        return state;
    }

    public static MemberState MemberSnapshotWithReferrals()
    {
        var state = MemberSnapshot();
        state.ReferralCode = new ReferralCodeStatus("7K3M9Q2P", 2, At.AddDays(90));
        state.RecentReferrals.AddRange([At.AddDays(-3), At]);
        state.EmailDigest = "ZW1haWwtZGlnZXN0";
        state.PhoneDigest = "cGhvbmUtZGlnZXN0";
        state.Referral = new OpenReferral("ref_1", "member-9")
        {
            TransactionId = "tx-1", FinalAt = At.AddDays(14), Closed = true, ReferrerPoints = 500, RefereePoints = 200,
            Voided = LoyaltyGrid.Domain.Referrals.ReferralRejection.PurchaseReturned, ClosedAt = Later,
        };
        return state;
    }

    /// <summary>The journal of a referral code.</summary>
    public static IReadOnlyList<(string Name, LoyaltyGrid.Domain.Referrals.ReferralCodeClaimed Event)> ReferralCodeEvents { get; } =
    [
        ("referral-code-claimed", new LoyaltyGrid.Domain.Referrals.ReferralCodeClaimed("member-1", At.AddDays(90), At)),
        ("referral-code-claimed-minimal", new LoyaltyGrid.Domain.Referrals.ReferralCodeClaimed("member-1", null, At)),
        ("referral-code-claimed-partner", new LoyaltyGrid.Domain.Referrals.ReferralCodeClaimed("", null, At) { PartnerId = "merchant-1" }),
    ];

    private static readonly ItemScope Scope = new(["coffee"], ["latte"]);
    private static readonly PromotionTarget Target = new(TargetKind.Tiers, ["gold"], 90);

    /// <summary>
    /// One program event of every kind, and a promotion of every rule kind, with every field set. Program events are
    /// still the JSON of their C# types (json v1): these samples pin it, so a renamed property fails a test instead of
    /// silently changing what the journal holds.
    /// </summary>
    public static IReadOnlyList<(string Name, ProgramEvent Event)> ProgramEvents { get; } =
    [
        ("program-created", Stamped(new ProgramCreated(new ProgramSettings
        {
            ProgramId = "prog-1", Name = "Coffee Club", Currency = "EUR", PointsPerCurrencyUnit = 10, HoldTtl = TimeSpan.FromMinutes(20),
            AllowNegativeBalance = false, OfflineWindow = TimeSpan.FromDays(30), CreatedAt = At, ReturnHorizon = TimeSpan.FromDays(90),
            TimeZone = "Europe/Berlin", MaxTransferPointsPerDay = 5_000,
        }))),
        ("program-earning-rules-set", Stamped(new EarningRulesSet(new EarningRules
        {
            CategoryMultiplierPercents = new Dictionary<string, long> { ["coffee"] = 200 },
            SkuMultiplierPercents = new Dictionary<string, long> { ["latte"] = 300 },
            ExcludedCategories = ["tobacco"],
            LocationRates = [new LocationRate("merchant-1", "store-1", 20), new LocationRate("merchant-2", null, 5)],
            MinQualifyingSpendMinor = 500,
            PendingPeriod = TimeSpan.FromDays(14),
            CouponReturn = CouponReturnPolicy.KeepUsed,
        }))),
        ("program-expiry-policy-set", Stamped(new ExpiryPolicySet(new ExpiryPolicy(ExpiryKind.FifoLots, 24)))),
        ("program-expiry-policy-set-days-end-of-day", Stamped(new ExpiryPolicySet(new ExpiryPolicy(ExpiryKind.FifoLots, 0) { Days = 90, AtEndOfDay = true }))),
        ("program-expiry-policy-set-period-end", Stamped(new ExpiryPolicySet(new ExpiryPolicy(ExpiryKind.FifoLots, 12) { PeriodEnd = ExpiryPeriodEnd.Quarter }))),
        ("program-tier-policy-set", Stamped(new TierPolicySet(new TierPolicy(TierMetric.PointsEarned, 6, 3, 14)))),
        ("program-referral-rules-set", Stamped(new ReferralRulesSet(new ReferralRules(500, 200, 2_000, 5, 30, 90)))),
        ("program-segment-defined", Stamped(new SegmentDefined(new Segment("vip", "Big spenders", new SegmentConditions
        {
            TierIds = ["gold"], MinPoints = 100, MaxPoints = 1_000_000, WindowDays = 90, MinPurchases = 3, MaxPurchases = 50,
            MinSpendMinor = 10_000, MaxSpendMinor = 9_000_000, MinDaysSinceLastPurchase = 0, MaxDaysSinceLastPurchase = 30,
            EnrolledFrom = At.AddDays(-365), EnrolledBefore = At, BirthdayMonths = [3, 4],
        }, At)))),
        ("program-segment-defined-engagement", Stamped(new SegmentDefined(new Segment("champions", "Champions", new SegmentConditions
        {
            WindowDays = 365, ConsentedChannels = [LoyaltyGrid.Domain.Profiles.ConsentChannel.Email], VisitedMerchantIds = ["merchant-1", "merchant-2"],
            MinMerchantsVisited = 2, NpsCategories = [NpsCategory.Promoter, NpsCategory.NotAnswered],
            Rfm = new RfmBands
            {
                RecencyDays = [30, 60, 120, 240], FrequencyPurchases = [2, 4, 8, 12], MonetaryMinor = [5_000, 20_000, 50_000, 100_000],
                MinRecency = 4, MaxRecency = 5, MinFrequency = 3, MaxFrequency = 5, MinMonetary = 4, MaxMonetary = 5,
            },
        }, At)))),
        ("program-segment-defined-minimal", Stamped(new SegmentDefined(new Segment("everyone", "Everyone", new SegmentConditions(), At)))),
        ("program-event-rule-segments", Stamped(new EventRuleUpserted(new EventRule("store_checkin", "Store check-in", 10, EventCapPeriod.Day, 2, null, null, [])
        {
            SegmentIds = ["regulars"],
        }))),
        ("program-promotion-segments", Stamped(new PromotionCreated(PromotionOf("vip-double", new BonusMultiplierRule(200, Scope)) with { SegmentIds = ["vip"] }))),
        ("program-messaging-policy-set", Stamped(new MessagingPolicySet(new LoyaltyGrid.Domain.Messaging.MessagingPolicy(22 * 60, 8 * 60, 2, 5, 1_000, 14)))),
        ("program-messaging-policy-set-tier-warning", Stamped(new MessagingPolicySet(new LoyaltyGrid.Domain.Messaging.MessagingPolicy(0, 0, 0, 0, 0, 0)
            { TierWarningDays = 30 }))),
        ("program-tier-policy-set-immediate", Stamped(new TierPolicySet(new TierPolicy(TierMetric.QualifyingSpend, 12, 12, 30) { DowngradeMode = TierDowngradeMode.Immediate }))),
        ("program-tier-policy-set-never", Stamped(new TierPolicySet(new TierPolicy(TierMetric.QualifyingSpend, 12, 12, 30) { DowngradeMode = TierDowngradeMode.Never }))),
        ("program-tier-upserted", Stamped(new TierUpserted(new TierDefinition("gold", "Gold", 100_000, 150, ["free-shipping", "early-access"])))),
        ("program-promotion-multiplier", Stamped(new PromotionCreated(PromotionOf("double", new BonusMultiplierRule(200, Scope))))),
        ("program-promotion-spend-threshold", Stamped(new PromotionCreated(PromotionOf("spend", new SpendThresholdRule(10_000, 500))))),
        ("program-promotion-first-purchase", Stamped(new PromotionCreated(PromotionOf("welcome", new FirstPurchaseRule(250))))),
        ("program-promotion-punch-card", Stamped(new PromotionCreated(PromotionOf("card", new PunchCardRule(9, Scope))))),
        ("program-promotion-bogo", Stamped(new PromotionCreated(PromotionOf("bogo", new BuyOneGetOneRule(50, Scope))))),
        ("program-promotion-coupon", Stamped(new PromotionCreated(PromotionOf("coupon", new CouponRule(500, 10, 100))))),
        ("program-promotion-repeat-purchase", Stamped(new PromotionCreated(PromotionOf("repeat", new RepeatPurchaseRule(3, 30, 300))))),
        ("program-promotion-cumulative-spend", Stamped(new PromotionCreated(PromotionOf("loyal", new CumulativeSpendRule(100_000, 1_000))))),
        ("program-promotion-ended", Stamped(new PromotionEnded("double", Later))),
        ("program-coupons-issued", Stamped(new CouponsIssued(new CouponBatch("batch-1", "coupon", ["CODE-1", "CODE-2"], "member-1", 2, At, At.AddDays(30), At)))),
        ("program-points-reinstated", Stamped(new ExpiredPointsReinstated(new Reinstatement("rein-1", At.AddDays(-30), At, "key:admin (Admin)", "system outage", Later)))),
        ("program-coalition-configured", Stamped(new LoyaltyGrid.Domain.Coalitions.CoalitionConfigured("Main Street Association", 5_000, At))),
        ("program-partner-joined", Stamped(new LoyaltyGrid.Domain.Coalitions.PartnerJoined(new LoyaltyGrid.Domain.Coalitions.PartnerTerms("merchant-1", 10, 8_000, 7_500), At))),
        ("program-partner-terms-updated", Stamped(new LoyaltyGrid.Domain.Coalitions.PartnerTermsUpdated(new LoyaltyGrid.Domain.Coalitions.PartnerTerms("merchant-1", 12, 8_500, 7_000), Later))),
        ("program-partner-joined-referral-fee", Stamped(new LoyaltyGrid.Domain.Coalitions.PartnerJoined(
            new LoyaltyGrid.Domain.Coalitions.PartnerTerms("merchant-1", 10, 8_000, 7_500) { ReferralFeeMinor = 1_500 }, At))),
        ("program-partner-removed", Stamped(new LoyaltyGrid.Domain.Coalitions.PartnerRemoved("merchant-1", Later))),
        ("program-benefit-published", Stamped(new BenefitPublished(new Benefit("benefit-1", "Free warranty", BenefitKind.FreeService, 10, 500,
            FreeService.ExtendedWarranty, 50, Target, At, At.AddDays(365), ["merchant-1"], At, "key:admin (Admin)")
            { RetiredAt = Later, RetiredBy = "key:admin (Admin)" }))),
        ("program-benefit-segments", Stamped(new BenefitPublished(new Benefit("benefit-2", "Lounge", BenefitKind.FreeService, 0, 0,
            FreeService.OnSiteService, 0, PromotionTarget.Everyone, At, At.AddDays(30), [], At, "key:admin (Admin)") { SegmentIds = ["vip"] }))),
        ("program-benefit-retired", Stamped(new BenefitRetired("benefit-1", Later))),
        ("program-birthday-bonus-set", Stamped(new BirthdayBonusSet(new BirthdayBonus(500, BirthdayWindow.Month)))),
        ("program-event-rule-upserted", Stamped(new EventRuleUpserted(new EventRule("review_written", "Review written", 50, EventCapPeriod.Week, 3,
            At, At.AddDays(30), ["gold", "silver"]) { EndedAt = Later }))),
        ("program-event-rule-ended", Stamped(new EventRuleEnded("review_written", Later))),
        ("program-engagement-bonuses-set", Stamped(new EngagementBonusesSet(new EngagementBonuses(200, 75)))),
        ("program-feedback-reward-set", Stamped(new FeedbackRewardSet(new FeedbackReward(50, 4, TimeSpan.FromDays(30))))),
        // Issue 11 part 4: the item rules (excluded skus and labels, label multipliers, earn-only) and a scope with labels.
        ("program-earning-rules-set-item-rules", Stamped(new EarningRulesSet(new EarningRules
        {
            ExcludedSkus = ["tobacco-10"],
            ExcludedLabels = ["deposit"],
            LabelMultiplierPercents = new Dictionary<string, long> { ["organic"] = 150 },
            EarnOnly = new ItemScope(["groceries"], ["gift-wrap"]) { Labels = ["house-brand"] },
        }))),
        ("program-promotion-locations-min-basket", Stamped(new PromotionCreated(PromotionOf("local", new SpendThresholdRule(1, 50)) with
        {
            Locations = [new PromotionLocation("merchant-1", "store-1"), new PromotionLocation("merchant-2", null)],
            MinBasketMinor = 3_000,
        }))),
        ("program-promotion-fixed-bonus", Stamped(new PromotionCreated(PromotionOf("per-bottle", new FixedBonusRule(50, 0, Scope with { Labels = ["house-wine"] }))))),
        ("program-promotion-multiplier-compound", Stamped(new PromotionCreated(PromotionOf("weekend", new BonusMultiplierRule(200, Scope) { Stacking = MultiplierStacking.Compound })))),
        ("program-promotion-bounce-back", Stamped(new PromotionCreated(PromotionOf("come-back", new BounceBackRule(10_000, 10, 0, 30))))),
        ("program-promotion-multiplier-labels", Stamped(new PromotionCreated(PromotionOf("acme", new BonusMultiplierRule(200, Scope with { Labels = ["brand-acme"] }))))),
    ];

    public static IReadOnlyList<(string Name, LoyaltyGrid.Domain.CustomerFeedback.FeedbackSubmitted Event)> FeedbackEvents { get; } =
    [
        ("feedback-submitted", new LoyaltyGrid.Domain.CustomerFeedback.FeedbackSubmitted("fb_0190a1b2c3d47e8f9a0b1c2d3e4f5a6b",
            "tx_0190a1b2c3d47e8f9a0b1c2d3e4f5a6c", At, "merchant-1", "store-1", "till-7", 9, 4, "Quick and friendly",
            LoyaltyGrid.Domain.CustomerFeedback.FeedbackChannel.Pos, 50) { RequestId = "req-15", Fingerprint = "2:fp", RecordedAt = Later }),
        ("feedback-submitted-minimal", new LoyaltyGrid.Domain.CustomerFeedback.FeedbackSubmitted("fb_0190a1b2c3d47e8f9a0b1c2d3e4f5a6d",
            null, null, "merchant-1", "store-1", null, null, 2, null, LoyaltyGrid.Domain.CustomerFeedback.FeedbackChannel.Kiosk, 0) { RecordedAt = At }),
    ];

    private static Promotion PromotionOf(string id, PromotionRule rule) =>
        new(id, $"Promotion {id}", rule, At, At.AddDays(30), Target, 3, new EarlyAccess("gold", At.AddDays(-2)),
            [DayOfWeek.Monday, DayOfWeek.Friday], At)
        { EndedAt = Later };

    private static ProgramEvent Stamped(ProgramEvent e) => e with { RequestId = "req-9", Fingerprint = "fp-9", Actor = "key:admin (Admin)", RecordedAt = Later };

    public static IReadOnlyList<(string Name, CouponEvent Event)> CouponEvents { get; } =
    [
        ("coupon-used", new CouponUsed("member-1", "member-1/req-2", At)),
        ("coupon-use-released", new CouponUseReleased("member-1", "member-1/req-2", Later)),
    ];

    public static IReadOnlyList<(string Name, ProfileEvent Event)> ProfileEvents { get; } =
    [
        ("profile-updated", new ProfileUpdated(new ContactDetails("Ann Example", "ann@example.com", "+4930123456", new DateOnly(1990, 2, 28), "de-DE", "Europe/Berlin"))
            { RequestId = "req-10", Fingerprint = "2:fp", RecordedAt = At }),
        ("profile-updated-minimal", new ProfileUpdated(ContactDetails.Empty) { RecordedAt = At }),
        ("consent-changed", new ConsentChanged(new Consent(ConsentChannel.Sms, true, At, ConsentSource.Pos)) { RequestId = "req-11", Fingerprint = "2:fp", RecordedAt = Later }),
        ("consent-withdrawn", new ConsentChanged(new Consent(ConsentChannel.Push, false, At, ConsentSource.Support)) { RecordedAt = At }),
        ("profile-erased", new ProfileErased("key:0123456789abcdef (privacy desk)") { RequestId = "req-12", Fingerprint = "2:fp", RecordedAt = Later }),
    ];

    public static IReadOnlyList<(string Name, CardAliasOwnerChanged Event)> CardAliasEvents { get; } =
    [
        ("card-alias-owner-changed", new CardAliasOwnerChanged("member-1", At)),
        ("card-alias-freed", new CardAliasOwnerChanged(null, Later)),
    ];

    public static IReadOnlyList<(string Name, ApiKeyEvent Event)> ApiKeyEvents { get; } =
    [
        ("api-key-issued", new ApiKeyIssued(new ApiKey("key-1", "POS 1", ApiRole.Terminal, "prog-1", "merchant-1", "store-1", "ab12", At, "key:admin (Admin)")
            { RevokedAt = Later, RevokedBy = "key:admin (Admin)" }) { RequestId = "req-7", Actor = "key:admin (Admin)", RecordedAt = At }),
        ("api-key-issued-with-adjustment-limit", new ApiKeyIssued(new ApiKey("key-2", "Service desk", ApiRole.ProgramAdmin, "prog-1", null, null, "cd34", At, "key:admin (Admin)")
            { MaxAdjustmentPoints = 5_000 }) { RequestId = "req-14", Actor = "key:admin (Admin)", RecordedAt = At }),
        ("api-key-revoked", new ApiKeyRevoked("key-1") { RequestId = "req-8", Actor = "key:admin (Admin)", RecordedAt = Later }),
    ];
}
