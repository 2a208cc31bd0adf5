namespace LoyaltyGrid.Domain.Members;

public sealed record RedemptionAuthorized(
    string HoldId,
    long Points,
    DateTimeOffset ExpiresAt,
    string MerchantId,
    string? StoreId,
    string? TerminalId) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available - Points,
        Held = before.Held + Points,
    };
}
