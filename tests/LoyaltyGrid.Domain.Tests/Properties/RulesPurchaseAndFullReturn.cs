namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>A history under the program rules, then one purchase of <see cref="Basket"/> returned in full, unit i in request Pieces[i].</summary>
public sealed record RulesPurchaseAndFullReturn(RulesScenario History, IReadOnlyList<GeneratedLine> Basket, IReadOnlyList<int> Pieces)
{
    public override string ToString() =>
        $"{History}{Environment.NewLine}then Purchase [{string.Join(", ", Basket)}] returned in pieces [{string.Join(", ", Pieces)}]";
}
