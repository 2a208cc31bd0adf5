namespace LoyaltyGrid.Domain.Members;

public sealed record PurchaseRecorded(
    string TransactionId,
    string MerchantId,
    string StoreId,
    string TerminalId,
    string Currency,
    IReadOnlyList<PurchaseLine> Lines,
    long TotalMinor,
    long Points,
    string Rule) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available + Points,
        LifetimeEarned = before.LifetimeEarned + Points,
    };
}
