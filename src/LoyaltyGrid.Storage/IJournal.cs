namespace LoyaltyGrid.Storage;

/// <summary>
/// What a grain writes through: appends from all grains of a silo are group-committed, so many
/// members share one database round trip and one fsync.
/// </summary>
public interface IJournal
{
    /// <summary>Completes when the append is durable; throws if it is not.</summary>
    Task AppendAsync(StreamAppend append);
}
