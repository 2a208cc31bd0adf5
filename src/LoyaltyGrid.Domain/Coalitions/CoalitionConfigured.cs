namespace LoyaltyGrid.Domain.Coalitions;

public sealed record CoalitionConfigured(string OperatorName, long LiabilityValueMinorPerThousandPoints, DateTimeOffset EffectiveFrom)
    : CoalitionEvent
{
    public override Coalition ApplyTo(Coalition? before) => (before ?? new Coalition { OperatorName = OperatorName }) with
    {
        OperatorName = OperatorName,
        Valuations = [.. before?.Valuations ?? [], new LiabilityValuation(EffectiveFrom, LiabilityValueMinorPerThousandPoints)],
    };
}
