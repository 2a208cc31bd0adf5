namespace LoyaltyGrid.Domain.Members;

/// <summary>A card alias was given to a member (or freed, when <see cref="MemberId"/> is null).</summary>
public sealed record CardAliasOwnerChanged(string? MemberId, DateTimeOffset At);
