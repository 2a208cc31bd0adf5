namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// One party's figures for a settlement period; points are counts, amounts whole minor units of the program's
/// currency. Every line has every column, so the totals line is simply the sum of the lines above it.
/// A column that does not apply to a party is 0 (a partner has no breakage; the operator pays no issue price).
/// </summary>
public sealed record SettlementLine
{
    public required SettlementParty Party { get; init; }

    /// <summary>The partner's merchant id; null on the operator and totals lines.</summary>
    public string? MerchantId { get; init; }

    /// <summary>Points earned by purchases at this partner (operator: at merchants that were not partners then).</summary>
    public long PointsIssued { get; init; }

    /// <summary>Points taken back by returns of purchases made at this partner, wherever the goods came back.</summary>
    public long PointsReversed { get; init; }

    /// <summary>Points a return should have taken back but the member no longer had: they stay outstanding, uncredited.</summary>
    public long PointsWrittenOff { get; init; }

    /// <summary>Points captured from holds authorized at this partner.</summary>
    public long PointsRedeemed { get; init; }

    /// <summary>Operator only: points that expired (breakage).</summary>
    public long PointsExpired { get; init; }

    /// <summary>Operator only: expired points given back.</summary>
    public long PointsReinstated { get; init; }

    /// <summary>This line's share of the change in outstanding points: issued − reversed − redeemed − expired + reinstated.</summary>
    public long LiabilityChangePoints { get; init; }

    /// <summary>What the partner pays for the points it issued, at its issue price at the time of each purchase.</summary>
    public long IssueChargeMinor { get; init; }

    /// <summary>What the partner gets back for reversed points: the same issue price it paid for them.</summary>
    public long ReturnCreditMinor { get; init; }

    /// <summary>What the partner is paid for points redeemed at its stores, at its reimbursement when the hold was authorized.</summary>
    public long ReimbursementMinor { get; init; }

    /// <summary>Operator only: the change in the money set aside for outstanding points.</summary>
    public long LiabilityChangeMinor { get; init; }

    /// <summary>Operator only: what the operator keeps (margins between prices and reimbursements, breakage).</summary>
    public long OperatorResultMinor { get; init; }

    /// <summary>
    /// Partner referrals: the fees this partner is paid for members it referred who first bought at another partner in
    /// the period (<see cref="Members.PartnerReferralFeeDue"/>), and the fees it pays for referred members who first
    /// bought at it; with their counts. Money between partners only: over the partner lines the fees earned equal the
    /// fees owed, and the operator's line has none.
    /// </summary>
    public long ReferralFeesEarnedMinor { get; init; }

    public long ReferralFeesOwedMinor { get; init; }

    public long ReferralsEarned { get; init; }

    public long ReferralsOwed { get; init; }

    /// <summary>What the partner owes the operator for the period.</summary>
    public long OwedMinor => checked(IssueChargeMinor - ReturnCreditMinor);

    /// <summary>What the operator owes the partner for the period.</summary>
    public long DueMinor => ReimbursementMinor;

    /// <summary>
    /// Money this party receives (negative: pays) in the period, all of it: for a partner, due − owed plus the referral
    /// fees it earned less those it owes; for the operator, the liability change plus its result, which is exactly what
    /// the partners pay in net. Referral fees pass between partners, so they leave the operator's result as it was. On
    /// the totals line, 0.
    /// </summary>
    public long NetMinor => checked(DueMinor - OwedMinor + ReferralFeesEarnedMinor - ReferralFeesOwedMinor + LiabilityChangeMinor + OperatorResultMinor);

    /// <summary>The column-wise sum of <paramref name="lines"/>, as a totals line.</summary>
    public static SettlementLine Sum(IReadOnlyList<SettlementLine> lines) => new()
    {
        Party = SettlementParty.Total,
        PointsIssued = Total(lines, l => l.PointsIssued),
        PointsReversed = Total(lines, l => l.PointsReversed),
        PointsWrittenOff = Total(lines, l => l.PointsWrittenOff),
        PointsRedeemed = Total(lines, l => l.PointsRedeemed),
        PointsExpired = Total(lines, l => l.PointsExpired),
        PointsReinstated = Total(lines, l => l.PointsReinstated),
        LiabilityChangePoints = Total(lines, l => l.LiabilityChangePoints),
        IssueChargeMinor = Total(lines, l => l.IssueChargeMinor),
        ReturnCreditMinor = Total(lines, l => l.ReturnCreditMinor),
        ReimbursementMinor = Total(lines, l => l.ReimbursementMinor),
        LiabilityChangeMinor = Total(lines, l => l.LiabilityChangeMinor),
        OperatorResultMinor = Total(lines, l => l.OperatorResultMinor),
        ReferralFeesEarnedMinor = Total(lines, l => l.ReferralFeesEarnedMinor),
        ReferralFeesOwedMinor = Total(lines, l => l.ReferralFeesOwedMinor),
        ReferralsEarned = Total(lines, l => l.ReferralsEarned),
        ReferralsOwed = Total(lines, l => l.ReferralsOwed),
    };

    private static long Total(IReadOnlyList<SettlementLine> lines, Func<SettlementLine, long> column)
    {
        long sum = 0;
        foreach (var line in lines)
        {
            sum = checked(sum + column(line));
        }
        return sum;
    }
}
