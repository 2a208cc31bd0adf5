namespace LoyaltyGrid.Domain.Members;

/// <summary>A punch card's progress before and after a purchase or return ("7 of 10"), and free items given.</summary>
public sealed record PunchCardChange(string PromotionId, long Before, long After, long Required, long FreeItems)
{
    /// <summary>On a return: stamps still owed to or by the card because it could not go below 0 or above <see cref="Required"/>.</summary>
    public long Carry { get; init; }
}
