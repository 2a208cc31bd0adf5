namespace LoyaltyGrid.Domain.Programs;

/// <summary>A segment was defined, or its definition replaced (members are evaluated again as they next act or fall due).</summary>
public sealed record SegmentDefined(Segment Segment) : ProgramEvent;
