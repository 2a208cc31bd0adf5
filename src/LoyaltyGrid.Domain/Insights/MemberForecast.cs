namespace LoyaltyGrid.Domain.Insights;

/// <summary>What the models expect of one member over a horizon; estimates.</summary>
/// <param name="ExpectedAverageSpendMinor">The member's expected spend per purchase occasion; null without a spend model.</param>
/// <param name="ExpectedSpendMinor">Expected occasions × expected spend per occasion (undiscounted); null without a spend model.</param>
public sealed record MemberForecast(
    CustomerSummary Summary,
    double ProbabilityAlive,
    double ExpectedPurchases,
    double? ExpectedAverageSpendMinor,
    double? ExpectedSpendMinor);
