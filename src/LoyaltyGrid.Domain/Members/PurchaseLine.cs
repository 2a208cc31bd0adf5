using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Members;

public sealed record PurchaseLine(string Sku, string Category, long Quantity, long UnitPriceMinor)
{
    public const int MaxLabels = 20;

    public long AmountMinor => Quantity * UnitPriceMinor;

    /// <summary>Labels besides the category (brand, colour, …) that earning rules and item scopes can name; empty for most lines.</summary>
    [LaterThanLegacyFingerprint]
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>A delivery or shipping charge: paid and refunded, but it earns nothing and no offer applies to it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [LaterThanLegacyFingerprint]
    public bool Delivery { get; init; }

    public bool HasLabel(IReadOnlyList<string> labels)
    {
        foreach (var label in Labels)
        {
            if (labels.Contains(label))
            {
                return true;
            }
        }
        return false;
    }
}
