using LoyaltyGrid.Domain.Profiles;

namespace LoyaltyGrid.Domain.Messaging;

/// <summary>
/// The gate's decision on one draft: its outcome, the channels it goes out on (when delivered), until when it waits
/// (when held), and the recipient with the message counted against its caps.
/// </summary>
public sealed record MessageVerdict(MessageOutcome Outcome, IReadOnlyList<ConsentChannel> Channels, DateTimeOffset? HoldUntil, MessageRecipient? Recipient);
