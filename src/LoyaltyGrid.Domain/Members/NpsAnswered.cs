namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The member answered the NPS question (0-10) in feedback <paramref name="FeedbackId"/>, told by its feedback stream, so
/// a segment can ask for promoters or detractors. The latest answer counts; the feedback itself stays in its stream.
/// </summary>
public sealed record NpsAnswered(string FeedbackId, int Score) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;
}
