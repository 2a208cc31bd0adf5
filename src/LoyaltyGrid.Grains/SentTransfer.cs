using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Grains;

/// <summary>The sender's debit of a transfer, and whether its credit still awaits the receiver's acknowledgement.</summary>
[GenerateSerializer, Immutable, Alias("lg.SentTransfer")]
public sealed record SentTransfer([property: Id(0)] PointsTransferredOut Sent, [property: Id(1)] bool InFlight);
