namespace LoyaltyGrid.Storage.Insights;

/// <summary>A member is now in (<paramref name="In"/>) or out of a segment: the last word of a batch's events on it.</summary>
public sealed record SegmentMemberChange(string ProgramId, string SegmentId, string MemberId, bool In);
