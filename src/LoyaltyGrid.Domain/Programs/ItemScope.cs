using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// The lines an item-level rule looks at: those in one of the categories, with one of the SKUs or carrying one of the
/// labels; all empty = every line.
/// </summary>
public sealed record ItemScope(IReadOnlyList<string> Categories, IReadOnlyList<string> Skus)
{
    public static readonly ItemScope AllItems = new([], []);

    /// <summary>Line labels (brand, colour, …); left out of the stored JSON while empty, so older scopes read and store as before.</summary>
    [LaterThanLegacyFingerprint]
    public IReadOnlyList<string> Labels { get; init; } = [];

    public bool IsAll => Categories.Count == 0 && Skus.Count == 0 && Labels.Count == 0;

    public bool Matches(string sku, string? category) =>
        IsAll || Skus.Contains(sku) || (category is { Length: > 0 } && Categories.Contains(category));

    /// <summary>Whether the line is in scope; a delivery line never is.</summary>
    public bool Matches(PurchaseLine line) =>
        !line.Delivery && (Matches(line.Sku, line.Category) || (Labels.Count > 0 && line.HasLabel(Labels)));
}
