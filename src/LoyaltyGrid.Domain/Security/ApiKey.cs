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

    /// <summary>
    /// The most points one manual adjustment or cancelled earning made with this key may move; null: no limit (also
    /// every key issued before keys had a limit, which were only platform and program admins' keys).
    /// </summary>
    public long? MaxAdjustmentPoints { get; init; }

    /// <summary>How the audit trail names whoever used this key.</summary>
    public string Actor => $"key:{KeyId} ({Name})";
}
