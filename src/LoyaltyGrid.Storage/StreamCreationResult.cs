namespace LoyaltyGrid.Storage;

/// <summary>What became of one <see cref="StreamCreation"/>.</summary>
/// <param name="Created">True if its streams were written; false if one of them existed already and nothing was.</param>
/// <param name="ExistingFirstPayloads">
/// When not created: for each of its streams, in order, the payload of the stream's first event if the stream exists,
/// else null. Empty when created.
/// </param>
public sealed record StreamCreationResult(bool Created, IReadOnlyList<byte[]?> ExistingFirstPayloads)
{
    public static readonly StreamCreationResult Made = new(true, []);
}
