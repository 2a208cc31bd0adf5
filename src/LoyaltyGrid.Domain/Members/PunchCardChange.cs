namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// A punch card's progress before and after a purchase or return ("7 of 10"), and free items given. Progress below 0
/// is stamps owed: a return took back stamps of a card that had already paid out.
/// </summary>
public sealed record PunchCardChange(string PromotionId, long Before, long After, long Required, long FreeItems)
{
    /// <summary>
    /// On a return: stamps still owed to the card because it could not go above <see cref="Required"/>. (Returns written
    /// before stamps could be owed also carried a negative count the card could not go below 0 with; a later return of
    /// the same purchase settles either.)
    /// </summary>
    public long Carry { get; init; }
}
