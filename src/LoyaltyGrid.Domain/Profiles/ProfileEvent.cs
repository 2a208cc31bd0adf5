namespace LoyaltyGrid.Domain.Profiles;

/// <summary>One fact in a member's profile stream (<c>profile/{program}/{member}</c>), apart from the points journal.</summary>
public abstract record ProfileEvent
{
    /// <summary>The client's idempotency key.</summary>
    public string? RequestId { get; init; }

    /// <summary>Digest of the request's content, to tell a retry from a reused id.</summary>
    public string? Fingerprint { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}
