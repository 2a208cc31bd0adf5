namespace LoyaltyGrid.Storage;

/// <summary>See <see cref="IJournalFeed.ReadHorizonAsync"/>.</summary>
public readonly record struct JournalHorizon(long Horizon, long Fence);
