using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// Settlement of a coalition for a period: who owes whom for the points issued, reversed and redeemed.
/// <para>
/// <b>What counts, and when.</b> An event belongs to the period its server time (<c>RecordedAt</c>) falls in, so a
/// period that has ended never receives another event: a late return, an offline purchase synced after the end, a
/// capture after the end all land in the period they were recorded in. Terms are those in force when the business
/// happened (the earlier of <c>OccurredAt</c> and <c>RecordedAt</c>): a purchase is charged at the partner's issue price
/// of its time, a return is credited at the issue price its purchase was charged (to the purchase's partner, wherever
/// the goods came back), a capture is reimbursed at the reimbursement in force when its hold was authorized (to the
/// hold's partner). Terms of the past never change (<see cref="CoalitionAdmin"/>), so a period computed after its end
/// computes the same figures, byte for byte, forever.
/// </para>
/// <para>
/// <b>Rounding rule.</b> A price is in minor units per thousand points, so points × price is an exact integer in
/// thousandths of a minor unit. For each partner and each kind of amount (issue charge, return credit, reimbursement)
/// the exact values of all its events recorded before an instant t are summed, V(t), and rounded down once:
/// amount of [start, end) = ⌊V(end) / 1000⌋ − ⌊V(start) / 1000⌋. Therefore (1) consecutive periods add up exactly to
/// the period spanning them, (2) the amounts from the program's beginning up to any period's end differ from the exact
/// value by less than one minor unit, so rounding never accumulates over periods, and (3) every partner amount is
/// within one minor unit of the exact value of its period. The liability is valued the same way:
/// L(t) = ⌊O(t) × v / 1000⌋ (toward −∞), with O(t) the points outstanding at t and v the coalition's valuation in
/// force just before t, and its change over the period is L(end) − L(start).
/// </para>
/// <para>
/// <b>Zero-sum.</b> All money moves between the partners and the operator. The operator receives what partners owe
/// and pays what they are due, so its cash for the period is −Σ partner net. It sets aside the change in liability
/// L(end) − L(start); the rest is its result (the margin between issue prices and reimbursements, plus breakage when
/// points expire): result = −Σ partner net − liability change. So Σ partner net + liability change + result = 0 as an
/// exact integer identity. The result is not a rounding sink: its only rounding is that of the partner amounts and of
/// L, each of which telescopes as above, so the result summed over consecutive periods equals the result of their span.
/// </para>
/// <para>
/// <b>Partner referral fees.</b> A fee (<see cref="Members.PartnerReferralFeeDue"/>) is whole minor units, earned by the
/// referring partner and owed by the partner where the referred member bought, both in the period it was recorded in:
/// part of each one's net, summing to 0 over the partners, so the operator's result is what it would be without them.
/// </para>
/// </summary>
public static class Settlement
{
    /// <param name="rules">The program's current rules: a coalition keeps every partner's whole history of terms.</param>
    /// <param name="events">
    /// Every member event of the program, in journal order: each stream's events together, by sequence (as
    /// <c>IEventStore.ReadStreamsAsync</c> reads them from "member/{programId}/"). Every event from the program's
    /// beginning is needed, not only the period's: returns and captures are attributed through earlier events of their
    /// stream, and the rounding works on running totals. Events recorded at or after the period's end change nothing.
    /// </param>
    public static SettlementReport Compute(
        ProgramRules rules, DateTimeOffset periodStart, DateTimeOffset periodEnd, IEnumerable<JournaledMemberEvent> events)
    {
        var calculator = new SettlementCalculator(rules, periodStart, periodEnd);
        foreach (var e in events)
        {
            calculator.Add(e);
        }
        return calculator.Report();
    }
}
