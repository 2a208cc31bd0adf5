namespace LoyaltyGrid.Domain.Programs;

/// <summary>A named group of members, kept up to date per member as its facts change (<see cref="Members.MemberSegments"/>).</summary>
public sealed record Segment(string SegmentId, string Name, SegmentConditions Conditions, DateTimeOffset DefinedAt);
