namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>
/// One step of a generated history under the program rules. As in <see cref="MemberOperation"/>, <see cref="Pick"/>
/// chooses among what exists when the step runs and an authorization asks for <see cref="Percent"/> of what is available.
/// </summary>
public sealed record RulesOperation(
    RulesOperationKind Kind,
    int Days,
    int Minutes,
    int Pick,
    int Percent,
    IReadOnlyList<GeneratedLine> Basket,
    IReadOnlyList<long> ReturnQuantities)
{
    public override string ToString() => Kind switch
    {
        RulesOperationKind.Purchase => $"Purchase [{string.Join(", ", Basket)}]",
        RulesOperationKind.Return => $"Return #{Pick} [{string.Join(", ", ReturnQuantities)}]",
        RulesOperationKind.Authorize => $"Authorize {Percent}% of available",
        RulesOperationKind.Wait => $"Wait {Days}d {Minutes}min",
        RulesOperationKind.Sleep => $"Sleep {Days}d {Minutes}min",
        _ => $"{Kind} #{Pick}",
    };
}
