namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>A merchant joins the coalition on <paramref name="Terms"/>, now or at <paramref name="EffectiveFrom"/> (never in the past).</summary>
public sealed record JoinPartner(
    string RequestId,
    string ProgramId,
    string Actor,
    PartnerTerms Terms,
    DateTimeOffset? EffectiveFrom = null) : ICoalitionCommand
{
    public void Validate() => Terms.Check(new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId), "terms.")
        .ThrowIfInvalid();
}
