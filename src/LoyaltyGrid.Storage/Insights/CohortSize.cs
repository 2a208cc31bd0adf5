namespace LoyaltyGrid.Storage.Insights;

/// <summary>How many members a cohort has: those whose enrolment (or first purchase) fell in <paramref name="Month"/> (its first day, UTC).</summary>
public sealed record CohortSize(DateOnly Month, long Members);
