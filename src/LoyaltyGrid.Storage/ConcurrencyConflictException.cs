namespace LoyaltyGrid.Storage;

/// <summary>An append's sequence was taken already: another writer owns the stream.</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : Exception(message, inner);
