using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Coalitions;

/// <summary>
/// A coalition program built the way an admin builds one (every change decided by the real program admin), and
/// the dates the settlement tests use. Three partners with different prices, set up on 1 May 2025:
/// <list type="table">
/// <item><term>bakery</term><description>issues at 1,000 minor per 1,000 points, reimbursed 900</description></item>
/// <item><term>books</term><description>issues at 1,250, reimbursed 1,100</description></item>
/// <item><term>cafe</term><description>issues at 800, reimbursed 1,000</description></item>
/// </list>
/// Outstanding points are valued at 1,000 minor per 1,000 points (a cent a point).
/// </summary>
public sealed class CoalitionProgram
{
    public const string ProgramId = RulesBuilder.ProgramId;
    public const string Admin = RulesBuilder.Admin;
    public const string OperatorName = "High Street Traders";

    public static readonly DateTimeOffset SetUpAt = At(5, 1);
    public static readonly DateTimeOffset June = At(6, 1);
    public static readonly DateTimeOffset July = At(7, 1);
    public static readonly DateTimeOffset August = At(8, 1);

    public CoalitionProgram(bool withPartners = true, bool allowNegativeBalance = true)
    {
        Program = new RulesBuilder(allowNegativeBalance: allowNegativeBalance) { Now = SetUpAt };
        Program.Do(new ConfigureCoalition(Program.NextRequestId(), ProgramId, Admin, OperatorName, 1_000));
        if (withPartners)
        {
            Join(Terms("bakery", 1_000, 900));
            Join(Terms("books", 1_250, 1_100));
            Join(Terms("cafe", 800, 1_000));
        }
    }

    public RulesBuilder Program { get; }

    public Domain.Programs.ProgramRules Rules => Program.Rules;

    /// <summary>Midnight UTC of a day of 2025.</summary>
    public static DateTimeOffset At(int month, int day, int hour = 0) => new(2025, month, day, hour, 0, 0, TimeSpan.Zero);

    public static PartnerTerms Terms(string merchantId, long issuePrice, long reimbursement, long earnRate = 10) =>
        new(merchantId, earnRate, issuePrice, reimbursement);

    public CoalitionProgram Join(PartnerTerms terms, DateTimeOffset? effectiveFrom = null)
    {
        Program.Do(new JoinPartner(Program.NextRequestId(), ProgramId, Admin, terms, effectiveFrom));
        return this;
    }

    public CoalitionProgram Update(PartnerTerms terms, DateTimeOffset? effectiveFrom = null)
    {
        Program.Do(new UpdatePartnerTerms(Program.NextRequestId(), ProgramId, Admin, terms, effectiveFrom));
        return this;
    }

    public CoalitionProgram Remove(string merchantId, DateTimeOffset? effectiveFrom = null)
    {
        Program.Do(new RemovePartner(Program.NextRequestId(), ProgramId, Admin, merchantId, effectiveFrom));
        return this;
    }

    public CoalitionProgram Value(long minorPerThousandPoints)
    {
        Program.Do(new ConfigureCoalition(Program.NextRequestId(), ProgramId, Admin, OperatorName, minorPerThousandPoints));
        return this;
    }

    public SettlementReport Settle(DateTimeOffset start, DateTimeOffset end, HandWrittenJournal journal) =>
        Settlement.Compute(Rules, start, end, journal.Events);
}
