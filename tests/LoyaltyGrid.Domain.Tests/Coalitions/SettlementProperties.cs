using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Tests.Coalitions;

/// <summary>
/// Invariants of settlement over random coalition histories (purchases at random partners and a non-partner, offline
/// purchases, returns at other merchants, redemptions captured, voided or left to expire, expiry and reinstatement,
/// changes of terms, partners leaving and joining, new valuations, partner referral fees) cut at random period boundaries.
/// </summary>
public sealed class SettlementProperties
{
    [Property(MaxTest = 200)]
    public Property Every_period_is_zero_sum_and_its_points_are_the_change_in_what_members_hold() =>
        Prop.ForAll(CoalitionGenerators.Scenarios(), scenario =>
        {
            var run = CoalitionScenarioRun.Play(scenario);
            var bounds = run.Bounds(scenario.Cuts);
            foreach (var (start, end) in bounds.Zip(bounds.Skip(1)))
            {
                var report = Settlement.Compute(run.Rules, start, end, run.Events);

                SettlementTests.AssertZeroSum(report);
                // Referral fees pass between partners only: what the referrers earn, the partners where they bought owe.
                Assert.Equal(report.Partners.Sum(p => p.ReferralFeesEarnedMinor), report.Partners.Sum(p => p.ReferralFeesOwedMinor));
                Assert.Equal(report.Partners.Sum(p => p.ReferralsEarned), report.Partners.Sum(p => p.ReferralsOwed));
                Assert.Equal((0L, 0L, 0L, 0L), (report.Operator.ReferralFeesEarnedMinor, report.Operator.ReferralFeesOwedMinor,
                    report.Operator.ReferralsEarned, report.Operator.ReferralsOwed));
                Assert.Equal(0, report.Partners.Sum(p => p.ReferralFeesEarnedMinor - p.ReferralFeesOwedMinor));
                Assert.Equal((run.OutstandingBefore(start), run.OutstandingBefore(end)), (report.OutstandingPointsAtStart, report.OutstandingPointsAtEnd));
                Assert.All(report.Partners, p => Assert.True(
                    p.IssueChargeMinor >= 0 && p.ReturnCreditMinor >= 0 && p.ReimbursementMinor >= 0 && p.PointsExpired == 0 && p.LiabilityChangeMinor == 0,
                    $"{p}"));
            }
        });

    [Property(MaxTest = 200)]
    public Property Consecutive_periods_add_up_exactly_to_the_period_that_spans_them() =>
        Prop.ForAll(CoalitionGenerators.Scenarios(), scenario =>
        {
            var run = CoalitionScenarioRun.Play(scenario);
            var bounds = run.Bounds(scenario.Cuts);
            var periods = bounds.Zip(bounds.Skip(1)).Select(p => Settlement.Compute(run.Rules, p.First, p.Second, run.Events)).ToArray();
            var whole = Settlement.Compute(run.Rules, bounds[0], bounds[^1], run.Events);

            Assert.Equal(Columns(whole.Operator), Sum(periods.Select(p => p.Operator)));
            Assert.Equal(Columns(whole.Totals), Sum(periods.Select(p => p.Totals)));
            foreach (var merchantId in periods.SelectMany(p => p.Partners).Select(p => p.MerchantId).Concat(whole.Partners.Select(p => p.MerchantId)).Distinct())
            {
                var inWhole = whole.Partners.SingleOrDefault(p => p.MerchantId == merchantId);
                Assert.Equal(inWhole is null ? new long[Columns(whole.Totals).Length] : Columns(inWhole),
                    Sum(periods.SelectMany(p => p.Partners).Where(p => p.MerchantId == merchantId)));
            }
            Assert.Equal((periods[0].LiabilityMinorAtStart, periods[^1].LiabilityMinorAtEnd), (whole.LiabilityMinorAtStart, whole.LiabilityMinorAtEnd));
        });

    [Property(MaxTest = 200)]
    public Property A_closed_period_settles_to_the_same_csv_whenever_it_is_computed() =>
        Prop.ForAll(CoalitionGenerators.Scenarios(), scenario =>
        {
            var run = CoalitionScenarioRun.Play(scenario);
            var bounds = run.Bounds(scenario.Cuts);
            foreach (var (start, end) in bounds.Zip(bounds.Skip(1)))
            {
                var now = SettlementCsv.Write(Settlement.Compute(run.Rules, start, end, run.Events), [], SettlementCsv.LatestVersion);
                var again = SettlementCsv.Write(Settlement.Compute(run.Rules, start, end, run.Events), [], SettlementCsv.LatestVersion);
                // As it was settled the moment it closed: the journal and the rules as they stood then.
                var atClose = SettlementCsv.Write(Settlement.Compute(run.RulesAt(end), start, end, run.Events.Where(e => e.Event.RecordedAt <= end)),
                    [], SettlementCsv.LatestVersion);

                Assert.Equal(now, again);
                Assert.Equal(now, atClose);
            }
        });

    [Property(MaxTest = 200)]
    public Property From_the_beginning_each_partner_is_charged_the_exact_value_of_its_issued_points_rounded_down_once() =>
        Prop.ForAll(CoalitionGenerators.Scenarios(), scenario =>
        {
            var run = CoalitionScenarioRun.Play(scenario);
            var beginning = CoalitionProgram.SetUpAt;
            foreach (var end in run.Bounds(scenario.Cuts).Where(b => b > beginning))
            {
                var report = Settlement.Compute(run.Rules, beginning, end, run.Events);
                // Exact value in thousandths of a minor unit, from the purchases and the terms of their time only.
                var exact = run.Events
                    .Select(e => e.Event)
                    .OfType<PurchaseRecorded>()
                    .Where(p => p.RecordedAt < end)
                    .Select(p => (p.MerchantId, Terms: CoalitionRules.PartnerAt(run.Rules, p.MerchantId, p.OccurredAt < p.RecordedAt ? p.OccurredAt : p.RecordedAt), p.Points))
                    .Where(p => p.Terms is not null)
                    .GroupBy(p => p.MerchantId)
                    .ToDictionary(g => g.Key, g => g.Sum(p => (decimal)p.Points * p.Terms!.IssuePriceMinorPerThousandPoints));

                foreach (var partner in report.Partners)
                {
                    Assert.Equal(Math.Floor(exact.GetValueOrDefault(partner.MerchantId!) / 1000m), partner.IssueChargeMinor);
                }
            }
        });

    [Property(MaxTest = 200)]
    public Property A_partner_referred_member_makes_one_fee_due_at_its_first_purchase_at_another_partner_and_settlement_pays_exactly_those() =>
        Prop.ForAll(CoalitionGenerators.Scenarios(), scenario =>
        {
            var run = CoalitionScenarioRun.Play(scenario);
            var events = run.Events;
            foreach (var stream in events.GroupBy(e => e.StreamId))
            {
                var journal = stream.Select(e => e.Event).ToArray();
                var fees = journal.OfType<PartnerReferralFeeDue>().ToArray();
                var referrer = journal.OfType<PartnerReferred>().SingleOrDefault()?.PartnerId;
                var first = referrer is null ? null : journal.OfType<PurchaseRecorded>()
                    .FirstOrDefault(p => p.MerchantId != referrer && CoalitionRules.PartnerAt(run.RulesOf(p.TransactionId), p.MerchantId, p.RecordedAt) is not null);
                Assert.True(fees.Length <= 1, $"{stream.Key}: {fees.Length} fees");
                Assert.Equal(first?.TransactionId, fees.SingleOrDefault()?.TransactionId);
                if (fees.SingleOrDefault() is { } fee)
                {
                    Assert.Equal((referrer, first!.MerchantId, CoalitionRules.PartnerAt(run.RulesOf(first.TransactionId), referrer!, fee.RecordedAt)?.ReferralFeeMinor ?? 0),
                        (fee.PartnerId, fee.MerchantId, fee.FeeMinor));
                }
            }
            var end = run.Now.AddDays(1);
            var report = Settlement.Compute(run.Rules, CoalitionProgram.SetUpAt, end, events);
            var all = events.Select(e => e.Event).OfType<PartnerReferralFeeDue>().ToArray();
            foreach (var partner in report.Partners)
            {
                Assert.Equal(
                    (all.Where(f => f.PartnerId == partner.MerchantId).Sum(f => f.FeeMinor), all.Count(f => f.PartnerId == partner.MerchantId),
                        all.Where(f => f.MerchantId == partner.MerchantId).Sum(f => f.FeeMinor), all.Count(f => f.MerchantId == partner.MerchantId)),
                    (partner.ReferralFeesEarnedMinor, partner.ReferralsEarned, partner.ReferralFeesOwedMinor, partner.ReferralsOwed));
            }
        });

    /// <summary>Every column of a line, in the CSV's order.</summary>
    private static long[] Columns(SettlementLine line) =>
    [
        line.PointsIssued, line.PointsReversed, line.PointsWrittenOff, line.PointsRedeemed, line.PointsExpired, line.PointsReinstated,
        line.LiabilityChangePoints, line.IssueChargeMinor, line.ReturnCreditMinor, line.ReimbursementMinor, line.OwedMinor, line.DueMinor,
        line.LiabilityChangeMinor, line.OperatorResultMinor, line.NetMinor, line.ReferralFeesEarnedMinor, line.ReferralFeesOwedMinor,
        line.ReferralsEarned, line.ReferralsOwed,
    ];

    private static long[] Sum(IEnumerable<SettlementLine> lines) =>
        lines.Select(Columns).Aggregate(new long[Columns(new SettlementLine { Party = SettlementParty.Total }).Length],
            (sum, columns) => sum.Zip(columns, (a, b) => a + b).ToArray());
}
