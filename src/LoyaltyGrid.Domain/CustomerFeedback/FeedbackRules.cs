namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>The fixed rules of feedback: score ranges, how a score is classed, how long a purchase takes feedback.</summary>
public static class FeedbackRules
{
    public const int MaxCommentLength = 1000;

    /// <summary>
    /// A purchase takes feedback for this long (and never after the program's return horizon, when the member closes
    /// it). It bounds the feedback state: a transaction answered longer ago than this can be forgotten, since any
    /// later feedback on it is refused by age alone.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    /// <summary>The most rewarded feedbacks per member and period a program may set; also how many reward times a member's state keeps.</summary>
    public const int MaxRewardsPerPeriod = 100;

    public static readonly TimeSpan MaxRewardPeriod = TimeSpan.FromDays(366);

    public static bool IsPromoter(int nps) => nps >= 9;

    public static bool IsDetractor(int nps) => nps <= 6;

    public static bool IsSatisfied(int csat) => csat >= 4;

    /// <summary>Follow-up wanted: NPS 0-6 or CSAT 1-2.</summary>
    public static bool NeedsFollowUp(int? nps, int? csat) => nps is { } n && IsDetractor(n) || csat is <= 2;
}
