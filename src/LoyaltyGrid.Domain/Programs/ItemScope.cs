namespace LoyaltyGrid.Domain.Programs;

/// <summary>The lines an item-level rule looks at: those in one of the categories or with one of the SKUs; both empty = every line.</summary>
public sealed record ItemScope(IReadOnlyList<string> Categories, IReadOnlyList<string> Skus)
{
    public static readonly ItemScope AllItems = new([], []);

    public bool IsAll => Categories.Count == 0 && Skus.Count == 0;

    public bool Matches(string sku, string? category) =>
        IsAll || Skus.Contains(sku) || (category is { Length: > 0 } && Categories.Contains(category));
}
