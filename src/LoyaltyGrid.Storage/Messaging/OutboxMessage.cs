namespace LoyaltyGrid.Storage.Messaging;

/// <summary>
/// One message of a program's outbox, numbered by <see cref="Sequence"/> (1, 2, 3… per program, in commit order; 0
/// before it is written). <see cref="Channels"/> are channel bits; <see cref="Data"/> is a JSON object of strings;
/// <see cref="SourceKey"/> names the journal event it came from.
/// </summary>
public sealed record OutboxMessage(
    string ProgramId,
    long Sequence,
    string MemberId,
    int Kind,
    int Channels,
    string Data,
    DateTimeOffset OccurredAt,
    DateTimeOffset CreatedAt,
    string SourceKey);
