namespace LoyaltyGrid.Storage.Insights;

/// <summary>Of the cohort of <paramref name="CohortMonth"/> (its first day), the members with a purchase day in the month <paramref name="MonthsAfter"/> months later (0: the cohort's own month).</summary>
public sealed record RetentionCell(DateOnly CohortMonth, int MonthsAfter, long Members);
