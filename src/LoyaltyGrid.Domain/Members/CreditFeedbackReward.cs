namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Credits the completion reward of one feedback, handed over by the member's feedback grain after the feedback is
/// durable. <see cref="RequestId"/> is <see cref="RequestIdOf"/> the feedback, so a retry or a second hand-over after a
/// crash is a replay of the first credit, never a second one.
/// </summary>
public sealed record CreditFeedbackReward(
    string RequestId,
    string ProgramId,
    string MemberId,
    string FeedbackId,
    long Points,
    string? TransactionId,
    string MerchantId,
    string StoreId) : IMemberCommand
{
    public const string Rule = "feedback-reward";

    /// <summary>The member request id of a feedback's reward; a client id of this form is told REQUEST_ID_REUSED.</summary>
    public static string RequestIdOf(string feedbackId) => "feedback-reward:" + feedbackId;

    public void Validate() => new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId).Id("member_id", MemberId)
        .Id("feedback_id", FeedbackId).Range("points", Points, 1, Limits.MaxBonusPoints).ThrowIfInvalid();
}
