using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>A member event as the journal holds it: its stream (one per member) and its place in that stream.</summary>
public sealed record JournaledMemberEvent(string StreamId, long Sequence, MemberEvent Event);
