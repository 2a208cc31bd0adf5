namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Closing the books: purchases that occurred before <see cref="PurchasesBefore"/> can no longer be returned (the
/// program's return horizon), so the member stops keeping them; kept purchases before <see cref="FactsBefore"/> are
/// older than any rule looks back and fold into month totals; expirations before <see cref="PurchasesBefore"/> can
/// no longer be reinstated. Moves no points. The journal keeps everything; this only bounds what is in memory.
/// </summary>
public sealed record BooksClosed(DateTimeOffset PurchasesBefore, DateTimeOffset FactsBefore) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;
}
