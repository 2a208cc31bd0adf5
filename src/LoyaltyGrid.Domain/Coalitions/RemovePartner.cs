namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// A partner leaves the coalition now or at <paramref name="EffectiveFrom"/> (never in the past). Its history stays:
/// returns of its purchases and captures of its holds are still settled with it, on the terms of their time.
/// </summary>
public sealed record RemovePartner(
    string RequestId,
    string ProgramId,
    string Actor,
    string MerchantId,
    DateTimeOffset? EffectiveFrom = null) : ICoalitionCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Id("merchant_id", MerchantId)
        .ThrowIfInvalid();
}
