using LoyaltyGrid.Domain.Insights;

namespace LoyaltyGrid.Grains.Insights;

/// <summary>
/// Lifetime-value questions about one program, answered from the insights projection. Key: program_id. It owns no
/// state (the projection is the truth), so it is a stateless worker: fits of one program may run side by side.
/// </summary>
[Alias("lg.IInsightsGrain")]
public interface IInsightsGrain : IGrainWithStringKey
{
    /// <summary>BG/NBD and Gamma-Gamma fitted to the purchase days in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    [Alias("Fit")]
    Task<GrainReply<LifetimeValueFit>> Fit(DateOnly start, DateOnly end, int unitDays);

    /// <summary>
    /// The program's figures over the days [<paramref name="from"/>, <paramref name="until"/>), at one merchant or
    /// store if given, with the members who bought nothing in the last <paramref name="churnDays"/> days of it.
    /// </summary>
    [Alias("Metrics")]
    Task<GrainReply<ProgramMetrics>> Metrics(DateOnly from, DateOnly until, string? merchantId, string? storeId, int churnDays);

    /// <summary>
    /// The retention matrix of the cohort months [<paramref name="fromMonth"/>, <paramref name="untilMonth"/>), by
    /// enrolment or first purchase, up to <paramref name="months"/> months after each, observed up to <paramref name="today"/>.
    /// </summary>
    [Alias("Cohorts")]
    Task<GrainReply<IReadOnlyList<RetentionCohort>>> Cohorts(DateOnly fromMonth, DateOnly untilMonth, bool byFirstPurchase, int months, DateOnly today);

    /// <summary>
    /// The program's outstanding points, valued at <paramref name="valueMinorPerThousandPoints"/> (null: the coalition's
    /// valuation in force at <paramref name="now"/>), and its breakage.
    /// </summary>
    [Alias("Liability")]
    Task<GrainReply<PointsLiability>> Liability(long? valueMinorPerThousandPoints, DateTimeOffset now);

    /// <summary>
    /// The member's historic value, and with <paramref name="bgNbd"/> their forecast <paramref name="horizon"/> time
    /// units ahead, observed up to <paramref name="asOf"/>.
    /// </summary>
    [Alias("MemberValue")]
    Task<GrainReply<MemberValue>> MemberValue(
        string memberId, DateTimeOffset asOf, int unitDays, double horizon, BgNbdModel? bgNbd, GammaGammaModel? gammaGamma);
}
