namespace LoyaltyGrid.Grains;

/// <summary>
/// Feedback grains are keyed like their member (<see cref="MemberKey"/>); their stream, <c>feedback/{program_id}/{member_id}</c>,
/// is apart from the points journal.
/// </summary>
public static class FeedbackKey
{
    private const string StreamPrefix = "feedback/";

    public static string StreamOf(string grainKey) => StreamPrefix + grainKey;

    /// <summary>The grain key of a feedback stream, or null for other streams.</summary>
    public static string? FromStream(string streamId) =>
        streamId.StartsWith(StreamPrefix, StringComparison.Ordinal) ? streamId[StreamPrefix.Length..] : null;
}
