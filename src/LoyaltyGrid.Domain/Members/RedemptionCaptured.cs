namespace LoyaltyGrid.Domain.Members;

public sealed record RedemptionCaptured(string HoldId, long Points) : MemberEvent
{
    /// <summary>The merchant whose terminal authorized the hold (null for holds recorded before this was kept).</summary>
    public string? MerchantId { get; init; }

    public override Balance ApplyTo(Balance before) => before with
    {
        Held = before.Held - Points,
        LifetimeRedeemed = before.LifetimeRedeemed + Points,
    };
}
