namespace LoyaltyGrid.Domain.Members;

public sealed record RedemptionReleased(string HoldId, long Points, HoldReleaseReason Reason) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Held = before.Held - Points,
        Available = before.Available + Points,
    };
}
