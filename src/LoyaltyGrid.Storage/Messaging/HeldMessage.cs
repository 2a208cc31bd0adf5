namespace LoyaltyGrid.Storage.Messaging;

/// <summary>A marketing message waiting for the end of its member's quiet hours (<see cref="HoldUntil"/>); <see cref="Id"/> 0 before it is written.</summary>
public sealed record HeldMessage(
    long Id,
    string ProgramId,
    string MemberId,
    int Kind,
    string SourceKey,
    DateTimeOffset OccurredAt,
    string Data,
    DateTimeOffset HoldUntil);
