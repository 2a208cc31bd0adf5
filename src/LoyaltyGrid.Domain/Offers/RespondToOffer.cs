namespace LoyaltyGrid.Domain.Offers;

/// <summary>Offers/RespondToOffer: a member saw, took or turned down an offer. <see cref="Response"/> null: none given.</summary>
public sealed record RespondToOffer(string RequestId, string ProgramId, string MemberId, string OfferId, OfferResponse? Response, string Actor)
{
    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("member_id", MemberId)
            .Id("offer_id", OfferId);
        if (Response is null)
        {
            v.Add("response", "is required: SHOWN, ACCEPTED or DECLINED");
        }
        v.ThrowIfInvalid();
    }
}
