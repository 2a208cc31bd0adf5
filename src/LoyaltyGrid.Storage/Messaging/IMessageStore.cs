namespace LoyaltyGrid.Storage.Messaging;

/// <summary>
/// The member messages outbox (README "Member messages"): per program, a numbered, append-only table of messages for
/// the program's sender, kept by the messages projection from the journal, with the recipients' gate state, the
/// messages held for quiet hours and the outcome counts. One implementation per backend, in the journal's database.
/// </summary>
public interface IMessageStore
{
    Task<MessagesCheckpoint> ReadCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>The stored rows of those of <paramref name="keys"/> (program, member) that have one.</summary>
    Task<IReadOnlyDictionary<(string ProgramId, string MemberId), MessageRecipientRow>> ReadRecipientsAsync(
        IReadOnlyCollection<(string ProgramId, string MemberId)> keys, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="maxCount"/> held messages due at <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<HeldMessage>> ReadDueHeldAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="maxCount"/> recipients whose expiry check is due at <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<MessageRecipientRow>> ReadDueExpiryChecksAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="batch"/> and moves the checkpoint to <see cref="MessageBatch.To"/> (and the version on by
    /// one), in one transaction; false, having written nothing, when the version is no longer
    /// <see cref="MessageBatch.FromVersion"/>. Outbox messages get the program's next sequence numbers in batch order;
    /// batches are serialised by the checkpoint, so a program's sequence is also its commit order.
    /// </summary>
    Task<bool> ApplyAsync(MessageBatch batch, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="maxCount"/> messages of the program's outbox after <paramref name="afterSequence"/>, in order.</summary>
    Task<IReadOnlyList<OutboxMessage>> ReadOutboxAsync(string programId, long afterSequence, int maxCount, CancellationToken cancellationToken);

    /// <summary>The program's outcome counts, by kind then outcome; and how many of its messages are held now.</summary>
    Task<(IReadOnlyList<MessageCount> Counts, long HeldNow)> ReadCountsAsync(string programId, CancellationToken cancellationToken);
}
