namespace LoyaltyGrid.Domain.Members;

/// <summary>A reward's points were spent for its code (oldest lots first). <see cref="PartnerId"/>: the partner offering it.</summary>
public sealed record RewardRedeemed(string RewardId, string Code, long Points, string? PartnerId) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available - Points,
        LifetimeRedeemed = before.LifetimeRedeemed + Points,
    };
}
