using LoyaltyGrid.Domain.CustomerFeedback;

namespace LoyaltyGrid.Domain.Programs;

/// <summary>Gives the program a feedback completion reward, replaces it, or (0 points) turns it off.</summary>
public sealed record SetFeedbackReward(string RequestId, string ProgramId, string Actor, FeedbackReward Reward) : IProgramCommand
{
    public void Validate()
    {
        var v = new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId)
            .Range("feedback_reward.points", Reward.Points, 0, Limits.MaxBonusPoints)
            .Range("feedback_reward.max_per_period", Reward.MaxPerPeriod, 0, FeedbackRules.MaxRewardsPerPeriod);
        if (Reward.MaxPerPeriod > 0 && Reward.Period is not { } period)
        {
            v.Add("feedback_reward.period", "is required with max_per_period (1-366 days)");
        }
        else if (Reward.Period is { } p && (p < TimeSpan.FromDays(1) || p > FeedbackRules.MaxRewardPeriod))
        {
            v.Add("feedback_reward.period", $"must be between 1 and {FeedbackRules.MaxRewardPeriod.TotalDays} days");
        }
        v.ThrowIfInvalid();
    }
}
