namespace LoyaltyGrid.Domain.Members;

public sealed record MemberProfile(string ProgramId, string MemberId, string? CardAlias, DateTimeOffset EnrolledAt);
