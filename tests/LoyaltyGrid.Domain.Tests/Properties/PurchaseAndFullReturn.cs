namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>
/// A history, then one purchase of <see cref="Basket"/> returned in full in several requests:
/// unit <c>i</c> of the basket (counting line by line) goes back in request <c>Pieces[i]</c>.
/// </summary>
public sealed record PurchaseAndFullReturn(MemberScenario History, IReadOnlyList<GeneratedLine> Basket, IReadOnlyList<int> Pieces)
{
    public override string ToString() =>
        $"{History}{Environment.NewLine}then Purchase [{string.Join(", ", Basket)}] returned in pieces [{string.Join(", ", Pieces)}]";
}
