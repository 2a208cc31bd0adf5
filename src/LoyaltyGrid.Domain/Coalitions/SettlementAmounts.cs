namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// Settlement figures of one party, summed over some events: point counts, the change in points members hold, and the
/// exact money values (points × price per thousand, in thousandths of a minor unit, never rounded) that settlement
/// rounds once per period end (<see cref="Settlement"/>). Additive, so sums kept per day and per event (the insights
/// projection) add up to what a pass over the journal finds.
/// </summary>
public readonly record struct SettlementAmounts
{
    public long Issued { get; init; }

    public long Reversed { get; init; }

    public long WrittenOff { get; init; }

    public long Redeemed { get; init; }

    public long Expired { get; init; }

    public long Reinstated { get; init; }

    /// <summary>The change in points members hold (available, pending and held).</summary>
    public long Outstanding { get; init; }

    /// <summary>Issued points valued at their partner's issue price.</summary>
    public Int128 IssueValue { get; init; }

    /// <summary>Reversed points valued at the issue price their purchase was charged.</summary>
    public Int128 CreditValue { get; init; }

    /// <summary>Redeemed points valued at the reimbursement in force when their hold was authorized.</summary>
    public Int128 ReimbursementValue { get; init; }

    /// <summary>Referral fees this party is paid (it referred the member), in whole minor units: fees are not per point, nothing to round.</summary>
    public long ReferralFeesEarned { get; init; }

    /// <summary>Referral fees this party pays (the referred member bought at it), in whole minor units.</summary>
    public long ReferralFeesOwed { get; init; }

    /// <summary>How many referral fees this party is paid, and pays (a fee of 0 counts too).</summary>
    public long ReferralsEarned { get; init; }

    public long ReferralsOwed { get; init; }

    public bool IsZero => this == default;

    public static SettlementAmounts operator +(SettlementAmounts a, SettlementAmounts b) => new()
    {
        Issued = checked(a.Issued + b.Issued),
        Reversed = checked(a.Reversed + b.Reversed),
        WrittenOff = checked(a.WrittenOff + b.WrittenOff),
        Redeemed = checked(a.Redeemed + b.Redeemed),
        Expired = checked(a.Expired + b.Expired),
        Reinstated = checked(a.Reinstated + b.Reinstated),
        Outstanding = checked(a.Outstanding + b.Outstanding),
        IssueValue = a.IssueValue + b.IssueValue,
        CreditValue = a.CreditValue + b.CreditValue,
        ReimbursementValue = a.ReimbursementValue + b.ReimbursementValue,
        ReferralFeesEarned = checked(a.ReferralFeesEarned + b.ReferralFeesEarned),
        ReferralFeesOwed = checked(a.ReferralFeesOwed + b.ReferralFeesOwed),
        ReferralsEarned = checked(a.ReferralsEarned + b.ReferralsEarned),
        ReferralsOwed = checked(a.ReferralsOwed + b.ReferralsOwed),
    };
}
