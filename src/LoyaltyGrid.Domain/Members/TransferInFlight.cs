namespace LoyaltyGrid.Domain.Members;

/// <summary>A transfer the sender has debited and whose credit the receiver has not yet acknowledged: what a retry sends again.</summary>
public sealed record TransferInFlight(string TransferId, string ToMemberId, long Points, string? Note, DateTimeOffset SentAt);
