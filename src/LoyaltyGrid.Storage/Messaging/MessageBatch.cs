namespace LoyaltyGrid.Storage.Messaging;

/// <summary>
/// What one step of the messages projection writes, in one transaction with its checkpoint: the recipients it changed
/// (whole rows), the messages for the outbox (numbered by the store, in this order), the messages it holds, the held
/// ones it released (deleted), and the outcome counts to add.
/// </summary>
public sealed record MessageBatch(long FromVersion, JournalPosition To, long Events)
{
    public IReadOnlyList<MessageRecipientRow> Recipients { get; init; } = [];

    public IReadOnlyList<OutboxMessage> Outbox { get; init; } = [];

    public IReadOnlyList<HeldMessage> Hold { get; init; } = [];

    public IReadOnlyList<long> Released { get; init; } = [];

    public IReadOnlyList<MessageCountChange> Counts { get; init; } = [];
}
