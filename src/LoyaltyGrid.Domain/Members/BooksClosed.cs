namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Closing the books: purchases that occurred before <see cref="PurchasesBefore"/> can no longer be returned (the
/// program's return horizon), so the member stops keeping them; kept purchases before <see cref="FactsBefore"/> are
/// older than any rule looks back and fold into month totals; expirations before <see cref="PurchasesBefore"/> can
/// no longer be reinstated. Moves no points. The journal keeps everything; this only bounds what is in memory.
/// </summary>
public sealed record BooksClosed(DateTimeOffset PurchasesBefore, DateTimeOffset FactsBefore) : MemberEvent
{
    /// <summary>
    /// When set (a program whose points do not expire lot by lot), the points lots of closed purchases earned before it
    /// are merged into one lot per calendar month, dated by the month's last earning: a member who never redeems keeps
    /// one lot a month, not one a purchase. Should the program later expire lot by lot, such points expire no earlier
    /// than they would have.
    /// </summary>
    public DateTimeOffset? LotsByMonthBefore { get; init; }

    public override Balance ApplyTo(Balance before) => before;
}
