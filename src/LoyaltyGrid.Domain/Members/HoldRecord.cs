namespace LoyaltyGrid.Domain.Members;

public sealed record HoldRecord(string HoldId, long Points, DateTimeOffset ExpiresAt, HoldStatus Status, string? MerchantId = null);
