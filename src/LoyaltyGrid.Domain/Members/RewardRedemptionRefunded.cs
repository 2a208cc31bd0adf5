namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// A cancelled reward code's points came back, as a lot of their own (dated now): the redemption is undone, so
/// lifetime redeemed goes down by as much. <see cref="PartnerId"/>: the partner offering the reward, as on the redemption.
/// </summary>
public sealed record RewardRedemptionRefunded(string RewardId, string Code, long Points, string? PartnerId) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available + Points,
        LifetimeRedeemed = before.LifetimeRedeemed - Points,
    };
}
