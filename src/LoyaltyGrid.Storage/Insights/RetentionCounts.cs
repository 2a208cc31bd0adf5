namespace LoyaltyGrid.Storage.Insights;

/// <summary>What <see cref="IInsightsStore.ReadRetentionAsync"/> counted: the cohorts that have members, and their non-empty cells.</summary>
public sealed record RetentionCounts(IReadOnlyList<CohortSize> Cohorts, IReadOnlyList<RetentionCell> Cells);
