using LoyaltyGrid.Domain.CustomerFeedback;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One member's feedback, in a journal of its own (<c>feedback/{program_id}/{member_id}</c>). Key:
/// <c>{program_id}/{member_id}</c>, like <see cref="IMemberGrain"/>. Idempotent by request id (a retry answers what the
/// feedback answered, and hands its reward over again, which the member's points credit once).
/// </summary>
[Alias("lg.IMemberFeedbackGrain")]
public interface IMemberFeedbackGrain : IGrainWithStringKey
{
    [Alias("Submit")]
    Task<GrainReply<FeedbackSubmitted>> Submit(SubmitFeedback command);
}
