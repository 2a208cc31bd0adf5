namespace LoyaltyGrid.Domain.Security;

/// <summary>
/// A credential as stored: never the secret, only its SHA-256 hash. <see cref="ProgramId"/>, <see cref="MerchantId"/>
/// and <see cref="StoreId"/> bound what the key may touch (null: unbounded at that level, as the role allows).
/// </summary>
public sealed record ApiKey(
    string KeyId,
    string Name,
    ApiRole Role,
    string? ProgramId,
    string? MerchantId,
    string? StoreId,
    string SecretHash,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    public DateTimeOffset? RevokedAt { get; init; }

    public string? RevokedBy { get; init; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>How the audit trail names whoever used this key.</summary>
    public string Actor => $"key:{KeyId} ({Name})";
}
