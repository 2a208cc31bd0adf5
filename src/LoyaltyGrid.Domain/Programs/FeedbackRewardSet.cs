namespace LoyaltyGrid.Domain.Programs;

/// <summary>The program's feedback completion reward was set (0 points: turned off).</summary>
public sealed record FeedbackRewardSet(FeedbackReward Reward) : ProgramEvent;
