namespace LoyaltyGrid.Storage.Messaging;

/// <summary>A stored count: messages of a program and kind with one outcome.</summary>
public sealed record MessageCount(int Kind, int Outcome, long Count);
