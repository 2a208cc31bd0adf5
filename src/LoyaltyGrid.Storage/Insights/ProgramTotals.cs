namespace LoyaltyGrid.Storage.Insights;

/// <summary>A program's sums over a period of days, as the insights tables have them (see <see cref="IInsightsStore.ReadProgramTotalsAsync"/>).</summary>
/// <param name="Members">Members enrolled before the period's end (or with no enrolment seen).</param>
/// <param name="NewMembers">Members enrolled in the period.</param>
/// <param name="ActiveMembers">Members with a purchase day in the period.</param>
/// <param name="RepeatMembers">Members with two or more purchase days in the period.</param>
/// <param name="ChurnedMembers">Members who bought before the churn cutoff (the period's end − churn days) and not from it to the period's end.</param>
public sealed record ProgramTotals(
    long Members,
    long NewMembers,
    long ActiveMembers,
    long RepeatMembers,
    long Purchases,
    long SpendMinor,
    long PointsEarned,
    long PointsRedeemed,
    long PointsExpired,
    long ChurnedMembers);
