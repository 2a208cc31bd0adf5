namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// A purchase a member made before the program knew them, brought from the retailer's old system
/// (<see cref="PurchaseHistoryImport"/>): when, for how much, where. It moves no points and counts towards no tier;
/// it feeds insights only. Stored in a stream of its own per purchase id, not in the member's journal, so that the
/// member's state stays what the member did in the program, and so that the purchase id makes it idempotent.
/// </summary>
/// <param name="AmountMinor">What the purchase cost, in minor units of <paramref name="Currency"/> (the program's).</param>
/// <param name="ImportId">The import run that brought it (also the event's <see cref="MemberEvent.RequestId"/>).</param>
public sealed record HistoricalPurchaseImported(
    string ProgramId,
    string MemberId,
    string PurchaseId,
    long AmountMinor,
    string Currency,
    string? MerchantId,
    string? StoreId,
    string ImportId) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;
}
