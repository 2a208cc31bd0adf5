namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// Makes the program a coalition run by <paramref name="OperatorName"/>, or renames the operator and sets a new
/// valuation of outstanding points (from now on: past periods keep theirs).
/// </summary>
public sealed record ConfigureCoalition(
    string RequestId,
    string ProgramId,
    string Actor,
    string OperatorName,
    long LiabilityValueMinorPerThousandPoints) : ICoalitionCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Text("operator_name", OperatorName, Limits.MaxNameLength, required: true)
        .Range("liability_value_minor_per_thousand_points", LiabilityValueMinorPerThousandPoints, 0,
            CoalitionLimits.MaxPriceMinorPerThousandPoints)
        .ThrowIfInvalid();
}
