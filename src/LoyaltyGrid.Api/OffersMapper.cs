using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using Core = LoyaltyGrid.Domain.Offers;

namespace LoyaltyGrid.Api;

/// <summary>Offers messages to domain commands and back.</summary>
public static class OffersMapper
{
    public static Core.CreateOffer ToDomain(this CreateOfferRequest request, string actor)
    {
        var d = request.Offer;
        if (d is null)
        {
            new RequestValidator().RequestId("request_id", request.RequestId).Id("program_id", request.ProgramId).Add("offer", "is required")
                .ThrowIfInvalid();
        }
        var v = new RequestValidator();
        Core.OfferKind? kind = null;
        long points = 0;
        string? promotionId = null, rewardId = null;
        switch (d!.KindCase)
        {
            case OfferDefinition.KindOneofCase.BonusPoints: (kind, points) = (Core.OfferKind.BonusPoints, d.BonusPoints.Points); break;
            case OfferDefinition.KindOneofCase.Coupon: (kind, promotionId) = (Core.OfferKind.Coupon, d.Coupon.PromotionId); break;
            case OfferDefinition.KindOneofCase.Reward: (kind, rewardId) = (Core.OfferKind.Reward, d.Reward.RewardId); break;
        }
        var validFrom = Field(v, () => d.ValidFrom.ToDomain("offer.valid_from"));
        var validUntil = Field(v, () => d.ValidUntil.ToDomain("offer.valid_until"));
        v.ThrowIfInvalid();
        var command = new Core.CreateOffer(request.RequestId, request.ProgramId, actor, d.OfferId, d.Name, d.Description, kind, points, promotionId,
            rewardId, [.. d.MemberIds], [.. d.TierIds], [.. d.SegmentIds], validFrom, validUntil, d.PerMemberCap == 0 ? 1 : d.PerMemberCap,
            d.PointValueMilliMinor, d.ProgramValueMinor);
        try
        {
            command.Validate();
        }
        catch (LoyaltyException invalid) when (invalid.Error.Violations is { Count: > 0 } violations)
        {
            // The definition's fields are named as the request has them: offer.valid_until, not valid_until.
            throw new LoyaltyException(LoyaltyError.Invalid(
                violations.Select(f => f.Field is "request_id" or "program_id" ? f : f with { Field = "offer." + f.Field }).ToArray()));
        }
        return command;
    }

    public static Core.OfferResponse? ToDomain(this V1.OfferResponse response) => response switch
    {
        V1.OfferResponse.Shown => Core.OfferResponse.Shown,
        V1.OfferResponse.Accepted => Core.OfferResponse.Accepted,
        V1.OfferResponse.Declined => Core.OfferResponse.Declined,
        _ => null,
    };

    public static V1.OfferResponse ToProto(this Core.OfferResponse response) => response switch
    {
        Core.OfferResponse.Shown => V1.OfferResponse.Shown,
        Core.OfferResponse.Accepted => V1.OfferResponse.Accepted,
        Core.OfferResponse.Declined => V1.OfferResponse.Declined,
        _ => V1.OfferResponse.Unspecified,
    };

    public static OfferDefinition ToProto(this Core.Offer o)
    {
        var d = new OfferDefinition
        {
            OfferId = o.OfferId,
            Name = o.Name,
            Description = o.Description,
            ValidFrom = Timestamp.FromDateTimeOffset(o.ValidFrom),
            ValidUntil = Timestamp.FromDateTimeOffset(o.ValidUntil),
            PerMemberCap = o.PerMemberCap,
            PointValueMilliMinor = o.PointValueMilliMinor,
            ProgramValueMinor = o.ProgramValueMinor,
        };
        switch (o.Kind)
        {
            case Core.OfferKind.BonusPoints: d.BonusPoints = new BonusPointsOffer { Points = o.BonusPoints }; break;
            case Core.OfferKind.Coupon: d.Coupon = new CouponOffer { PromotionId = o.PromotionId ?? "" }; break;
            case Core.OfferKind.Reward: d.Reward = new RewardOffer { RewardId = o.RewardId ?? "" }; break;
        }
        d.MemberIds.AddRange(o.MemberIds);
        d.TierIds.AddRange(o.TierIds);
        d.SegmentIds.AddRange(o.SegmentIds);
        return d;
    }

    public static OfferStats ToProto(this Core.OfferCounts c) => new()
    {
        Shown = c.Shown,
        Accepted = c.Accepted,
        AcceptedMembers = c.AcceptedMembers,
        Declined = c.Declined,
        Redeemed = c.Redeemed,
        AcceptProbability = Core.OfferRanking.AcceptProbability(c),
    };

    public static RespondToOfferResponse ToProto(this Core.MemberOfferResponded e) => new()
    {
        OfferId = e.OfferId,
        Response = e.Response.ToProto(),
        Acceptance = e.Acceptance,
        Points = e.Points,
        CouponCode = e.CouponCode ?? "",
        RewardCode = e.RewardCode ?? "",
    };

    private static T? Field<T>(RequestValidator v, Func<T?> read) where T : struct
    {
        try
        {
            return read();
        }
        catch (LoyaltyException invalid) when (invalid.Error.Violations is { Count: > 0 } violations)
        {
            foreach (var f in violations)
            {
                v.Add(f.Field, f.Description);
            }
            return null;
        }
    }
}
