namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// What each party of a coalition owes and is owed for the points of one period [<see cref="PeriodStart"/>,
/// <see cref="PeriodEnd"/>), made by <see cref="Settlement.Compute"/>. Zero-sum: the <see cref="SettlementLine.NetMinor"/>
/// of the partners and the operator add up to exactly 0.
/// </summary>
public sealed record SettlementReport
{
    public required string ProgramId { get; init; }

    /// <summary>ISO 4217 code of every amount.</summary>
    public required string Currency { get; init; }

    public required string OperatorName { get; init; }

    public required DateTimeOffset PeriodStart { get; init; }

    public required DateTimeOffset PeriodEnd { get; init; }

    /// <summary>
    /// Every partner that was in the coalition during the period or has figures in it (a partner that left is still
    /// settled for returns and captures of its past business), ordered by merchant id (ordinal).
    /// </summary>
    public required IReadOnlyList<SettlementLine> Partners { get; init; }

    public required SettlementLine Operator { get; init; }

    /// <summary>The sum of the partner lines and the operator line, column by column.</summary>
    public required SettlementLine Totals { get; init; }

    /// <summary>Points members held (available, pending and held) at the start of the period.</summary>
    public long OutstandingPointsAtStart { get; init; }

    public long OutstandingPointsAtEnd { get; init; }

    /// <summary>The outstanding points at the start, valued at the valuation in force then, rounded down.</summary>
    public long LiabilityMinorAtStart { get; init; }

    public long LiabilityMinorAtEnd { get; init; }

    /// <summary>Partners, then the operator, then the totals: the rows of <see cref="SettlementCsv"/>.</summary>
    public IEnumerable<SettlementLine> Lines() => [.. Partners, Operator, Totals];
}
