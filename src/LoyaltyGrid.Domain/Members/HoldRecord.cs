namespace LoyaltyGrid.Domain.Members;

/// <param name="ClosedAt">When the hold was captured, voided or expired; closed holds are forgotten after the request retention.</param>
public sealed record HoldRecord(string HoldId, long Points, DateTimeOffset ExpiresAt, HoldStatus Status, string? MerchantId = null,
    DateTimeOffset? ClosedAt = null);
