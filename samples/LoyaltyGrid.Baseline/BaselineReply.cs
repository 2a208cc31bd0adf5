namespace LoyaltyGrid.Baseline;

/// <summary>A member call's answer: the outcome and, when it succeeded (or was a retry), the member's numbers after it.</summary>
[GenerateSerializer, Immutable, Alias("lgb.BaselineReply")]
public sealed record BaselineReply(
    [property: Id(0)] BaselineOutcome Outcome,
    [property: Id(1)] string TransactionId,
    [property: Id(2)] long PointsEarned,
    [property: Id(3)] long Available,
    [property: Id(4)] long LifetimeEarned,
    [property: Id(5)] DateTime EnrolledAt)
{
    public static BaselineReply Refused(BaselineOutcome outcome) => new(outcome, "", 0, 0, 0, default);
}
