namespace LoyaltyGrid.Storage.Insights;

/// <summary>
/// The analytic tables the insights projection keeps from the journal (per-member facts, purchase days, member ×
/// store, daily aggregates per program, merchant and store), and their checkpoint. One implementation per backend,
/// next to its event store (the tables are in the same database, created by its migrations); a column store such as
/// ClickHouse would be another implementation of this same interface.
/// </summary>
public interface IInsightsStore
{
    /// <summary>Where the projection stands: the feed position of the last event applied.</summary>
    Task<InsightsCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="batch"/>'s changes and moves the checkpoint from <see cref="InsightsBatch.From"/> to
    /// <see cref="InsightsBatch.To"/>, in one transaction. Returns false, having changed nothing, when the checkpoint
    /// is no longer at <see cref="InsightsBatch.From"/> (another silo applied these events, or a rebuild started).
    /// A member's purchase days come with a change of that member's own row in the same batch, as the projector makes them.
    /// </summary>
    Task<bool> ApplyAsync(InsightsBatch batch, CancellationToken cancellationToken);

    /// <summary>Empties every insights table and puts the checkpoint back at the start of the journal, in one transaction: a rebuild.</summary>
    Task ResetAsync(CancellationToken cancellationToken);

    /// <summary>Every member's purchase days of a program in [<paramref name="from"/>, <paramref name="until"/>), ordered by member and day.</summary>
    Task<IReadOnlyList<MemberPurchaseDay>> ReadPurchaseDaysAsync(string programId, DateOnly from, DateOnly until, CancellationToken cancellationToken);

    /// <summary>One member's purchase days, oldest first.</summary>
    Task<IReadOnlyList<MemberPurchaseDay>> ReadMemberPurchaseDaysAsync(string programId, string memberId, CancellationToken cancellationToken);

    /// <summary>
    /// The program's totals over the days [<paramref name="from"/>, <paramref name="until"/>) (UTC). With a merchant (or
    /// store) in <paramref name="filter"/>, purchases, spend, points and the active, repeat and churned members count only
    /// what happened there; members and new members stay the program's (an enrolment names no store).
    /// </summary>
    Task<ProgramTotals> ReadProgramTotalsAsync(string programId, DateOnly from, DateOnly until, MetricsFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Cohorts of the program's members by the UTC month of their enrolment (or, with <paramref name="byFirstPurchase"/>,
    /// of their first purchase), for the months [<paramref name="fromMonth"/>, <paramref name="untilMonth"/>) (first
    /// days of months), and of each cohort how many members have a purchase day in each month 0 to
    /// <paramref name="maxMonthsAfter"/> after its own. Members with no such time are in no cohort.
    /// </summary>
    Task<RetentionCounts> ReadRetentionAsync(
        string programId, bool byFirstPurchase, DateOnly fromMonth, DateOnly untilMonth, int maxMonthsAfter, CancellationToken cancellationToken);

    /// <summary>The program's points flows per month, oldest first, from its first month with any to its last.</summary>
    Task<IReadOnlyList<MonthlyPoints>> ReadMonthlyPointsAsync(string programId, CancellationToken cancellationToken);

    /// <summary>The program's feedback per UTC day, merchant, store, terminal and incentivised or not, within <paramref name="filter"/>.</summary>
    Task<IReadOnlyList<FeedbackDayCounts>> ReadFeedbackCountsAsync(string programId, FeedbackFilter filter, CancellationToken cancellationToken);

    /// <summary>The program's purchases (not imported history) per UTC day and store within <paramref name="filter"/>; days without any left out.</summary>
    Task<IReadOnlyList<StorePurchaseDay>> ReadStorePurchasesAsync(string programId, FeedbackFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="pageSize"/> feedbacks within <paramref name="filter"/>, newest first (by time, then id), after
    /// <paramref name="after"/>; with <paramref name="detractorsOnly"/>, only those with NPS 0-6 or CSAT 1-2.
    /// </summary>
    Task<FeedbackPage> ListFeedbackAsync(string programId, FeedbackFilter filter, bool detractorsOnly, int pageSize, FeedbackCursor? after,
        CancellationToken cancellationToken);

    /// <summary>One member's facts, or null if the projection has seen nothing of the member.</summary>
    Task<MemberFacts?> ReadMemberAsync(string programId, string memberId, CancellationToken cancellationToken);

    /// <summary>The stored origins of those of <paramref name="keys"/> that have one (business at a partner).</summary>
    Task<IReadOnlyDictionary<SettlementOriginKey, SettlementOriginRow>> ReadSettlementOriginsAsync(
        IReadOnlyCollection<SettlementOriginKey> keys, CancellationToken cancellationToken);

    /// <summary>
    /// Each settlement party's figures summed over the program's events recorded before <paramref name="before"/>
    /// (whole days before its day, and the events of its day before it); key: merchant id, "" for the operator.
    /// </summary>
    Task<IReadOnlyDictionary<string, SettlementFigures>> ReadSettlementSumsAsync(
        string programId, DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>
    /// The staff view of the days [<paramref name="from"/>, <paramref name="until"/>): enrolments per merchant, store and
    /// terminal (only the filter's merchant or store, if it names one), ordered by merchant, store, terminal (ordinal).
    /// </summary>
    Task<IReadOnlyList<StaffTotals>> ReadStaffAsync(string programId, DateOnly from, DateOnly until, MetricsFilter filter, CancellationToken cancellationToken);

    /// <summary>Benefit uses recorded in [<paramref name="from"/>, <paramref name="until"/>), per partner and benefit, ordered by merchant then benefit (ordinal).</summary>
    Task<IReadOnlyList<BenefitUseCount>> ReadBenefitUsesAsync(
        string programId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Reward redemptions less the cancellations refunded in [<paramref name="from"/>, <paramref name="until"/>), per
    /// partner ("" the operator) and reward, with their points, ordered by partner then reward (ordinal); a reward
    /// whose redemptions and refunds net to nothing is left out.
    /// </summary>
    Task<IReadOnlyList<RewardRedemptionCount>> ReadRewardRedemptionsAsync(
        string programId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>How many members each segment of the program has (segments without members left out).</summary>
    Task<IReadOnlyDictionary<string, long>> CountSegmentMembersAsync(string programId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="pageSize"/> members of the segment with member_id after <paramref name="after"/> (ordinal), in that order.</summary>
    Task<SegmentMembersPage> ListSegmentMembersAsync(string programId, string segmentId, string? after, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="pageSize"/> referrals of the program, newest first (by time made, then id), after
    /// <paramref name="after"/>; only those of <paramref name="status"/> if given (the API's number).
    /// </summary>
    Task<ReferralPage> ListReferralsAsync(string programId, int? status, int pageSize, ReferralCursor? after, CancellationToken cancellationToken);

    /// <summary>The members of the program whose current email or phone digest is one of <paramref name="digests"/>, ordered (ordinal), each once.</summary>
    Task<IReadOnlyList<string>> ReadContactHoldersAsync(string programId, IReadOnlyCollection<string> digests, CancellationToken cancellationToken);
}
