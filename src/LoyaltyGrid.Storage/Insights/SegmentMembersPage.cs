namespace LoyaltyGrid.Storage.Insights;

/// <summary>Members of a segment in member_id order (ordinal), and the last one's id if more may follow.</summary>
public sealed record SegmentMembersPage(IReadOnlyList<string> MemberIds, string? NextAfter);
