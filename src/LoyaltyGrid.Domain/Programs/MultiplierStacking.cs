namespace LoyaltyGrid.Domain.Programs;

/// <summary>How a multiplier promotion combines with the other multipliers on a line.</summary>
public enum MultiplierStacking
{
    /// <summary>Its bonus is a share of the line's base points, added to the tier and the other added bonuses.</summary>
    Add = 0,

    /// <summary>It multiplies what the line earned before it: base, tier, added bonuses and earlier compounding promotions.</summary>
    Compound = 1,
}
