namespace LoyaltyGrid.Domain.Members;

/// <param name="Points">Points taken back from the member (positive).</param>
/// <param name="WrittenOff">Points the return should have taken back but could not (negative balance not allowed).</param>
public sealed record ReturnRecorded(
    string ReturnId,
    string TransactionId,
    IReadOnlyList<ReturnLine> Lines,
    long RefundMinor,
    long Points,
    long WrittenOff,
    string? MerchantId,
    string? StoreId,
    string? TerminalId) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available - Points,
        LifetimeReversed = before.LifetimeReversed + Points,
    };
}
