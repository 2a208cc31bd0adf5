namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// How often one event rule has given this member points in its current cap period [<see cref="PeriodStart"/>,
/// <see cref="PeriodEnd"/>); both null for a once-only rule (the count is then for ever). A count of a period that has
/// passed means nothing and is dropped.
/// </summary>
public sealed record EventCount(int Count, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd);
