using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Offers;

/// <summary>
/// The rules of offers: decides without changing any state. Every refusal is a <see cref="LoyaltyException"/> thrown
/// before any event is made; a retry (same request id, same content) is answered as the first time.
/// </summary>
public static class OfferBook
{
    /// <summary>CreateOffer: the event to write (null for a retry) and the offer to answer with.</summary>
    /// <param name="rewardExists">For a reward offer: whether the program's catalogue has the reward.</param>
    public static (OfferCreated? New, Offer Answer) Create(OfferState state, ProgramRules rules, CreateOffer command, bool rewardExists,
        DateTimeOffset now)
    {
        command.Validate();
        var fingerprint = Fingerprint.Of(command);
        if (state.Remembered(command.RequestId, now) is { } done)
        {
            if (!Fingerprint.Matches(done.Fingerprint, command, fingerprint))
            {
                throw RequestIdReused(command.RequestId);
            }
            return (null, state.Offer!);
        }
        if (state.Offer is not null)
        {
            throw new LoyaltyException(LoyaltyError.AlreadyExists("OFFER_ALREADY_EXISTS",
                $"program '{command.ProgramId}' already has offer '{command.OfferId}'"));
        }
        foreach (var tierId in command.TierIds)
        {
            if (rules.Tier(tierId) is null)
            {
                throw new LoyaltyException(LoyaltyError.NotFound("TIER_NOT_FOUND", $"program '{command.ProgramId}' has no tier '{tierId}'"));
            }
        }
        foreach (var segmentId in command.SegmentIds)
        {
            if (rules.Segment(segmentId) is null)
            {
                throw new LoyaltyException(LoyaltyError.NotFound("SEGMENT_NOT_FOUND", $"program '{command.ProgramId}' has no segment '{segmentId}'"));
            }
        }
        var validFrom = command.ValidFrom ?? now;
        var validUntil = command.ValidUntil!.Value;
        if (validUntil <= validFrom)
        {
            new RequestValidator().Add("valid_until", $"must be after valid_from, which defaults to now ({validFrom:O})").ThrowIfInvalid();
        }
        if (validUntil - validFrom > OfferLimits.MaxValidity)
        {
            new RequestValidator().Add("valid_until", $"must be at most {OfferLimits.MaxValidity.TotalDays:0} days after valid_from ({validFrom:O})")
                .ThrowIfInvalid();
        }
        if (validUntil <= now)
        {
            new RequestValidator().Add("valid_until", $"must be in the future (now is {now:O})").ThrowIfInvalid();
        }
        switch (command.Kind)
        {
            case OfferKind.Coupon:
                var promotion = rules.Promotion(command.PromotionId!) ?? throw new LoyaltyException(LoyaltyError.NotFound(
                    "PROMOTION_NOT_FOUND", $"program '{command.ProgramId}' has no promotion '{command.PromotionId}'"));
                if (promotion.Rule is not CouponRule)
                {
                    throw new LoyaltyException(LoyaltyError.Precondition("NOT_A_COUPON_PROMOTION",
                        $"promotion '{command.PromotionId}' is not a coupon promotion; a coupon offer issues codes of a coupon promotion"));
                }
                if (promotion.EffectiveEnd <= now)
                {
                    throw new LoyaltyException(LoyaltyError.Precondition("PROMOTION_ALREADY_ENDED",
                        $"promotion '{command.PromotionId}' ended at {promotion.EffectiveEnd:O}"));
                }
                break;
            case OfferKind.Reward when !rewardExists:
                throw new LoyaltyException(LoyaltyError.NotFound("REWARD_NOT_FOUND", $"program '{command.ProgramId}' has no reward '{command.RewardId}'"));
        }
        var kind = command.Kind!.Value;
        var offer = new Offer(command.OfferId, command.Name, command.Description ?? "", kind,
            kind == OfferKind.BonusPoints ? command.BonusPoints : 0,
            kind == OfferKind.Coupon ? command.PromotionId : null,
            kind == OfferKind.Reward ? command.RewardId : null,
            [.. command.MemberIds], [.. command.TierIds], [.. command.SegmentIds], validFrom, validUntil, command.PerMemberCap,
            command.PointValueMilliMinor, command.ProgramValueMinor);
        return (new OfferCreated(offer, command.Actor) { RequestId = command.RequestId, Fingerprint = fingerprint, At = now }, offer);
    }

    /// <summary>A member's response to count, or null if this one (<paramref name="countKey"/>) was counted already.</summary>
    public static OfferCounted? Count(OfferState state, string countKey, string memberId, OfferResponse response, bool firstForMember,
        DateTimeOffset now) =>
        state.Remembered(countKey, now) is not null
            ? null
            : new OfferCounted(memberId, response, firstForMember) { RequestId = countKey, At = now };

    /// <summary>The key of the count of a member's response at <paramref name="sequence"/> of their offers stream.</summary>
    public static string CountKey(string memberId, long sequence) => $"{memberId}:{sequence}";

    internal static LoyaltyException RequestIdReused(string requestId) => new(LoyaltyError.AlreadyExists("REQUEST_ID_REUSED",
        $"request_id '{requestId}' was already used for a different request; use a new request_id for a new request, " +
        "or resend the original request unchanged"));
}
