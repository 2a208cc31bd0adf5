using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>Points on the lines in scope are multiplied: 200 = double points (the bonus is the extra 100%).</summary>
public sealed record BonusMultiplierRule(long MultiplierPercent, ItemScope Scope) : PromotionRule
{
    /// <summary>Left out of the stored JSON while <see cref="MultiplierStacking.Add"/>, what every multiplier did before.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public MultiplierStacking Stacking { get; init; }
}
