namespace LoyaltyGrid.Domain.Members;

public sealed record RedemptionCaptured(string HoldId, long Points) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Held = before.Held - Points,
        LifetimeRedeemed = before.LifetimeRedeemed + Points,
    };
}
