namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// New terms for a partner (<see cref="PartnerTerms.MerchantId"/>), from now or from <paramref name="EffectiveFrom"/>
/// (never in the past): events before it keep the old terms, even if settled later.
/// </summary>
public sealed record UpdatePartnerTerms(
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
