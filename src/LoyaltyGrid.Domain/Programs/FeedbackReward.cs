namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// Points a member gets for each completed feedback, whatever its scores; with <see cref="MaxPerPeriod"/> above 0, at
/// most that many rewarded feedbacks per member within the rolling <see cref="Period"/>.
/// </summary>
public sealed record FeedbackReward(long Points, int MaxPerPeriod, TimeSpan? Period);
