using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Grains.Insights;

/// <summary>A member event of the feed, decoded once for every part of the projection.</summary>
public sealed record DecodedMemberEvent(string ProgramId, string MemberId, string StreamId, long Sequence, MemberEvent Event);
