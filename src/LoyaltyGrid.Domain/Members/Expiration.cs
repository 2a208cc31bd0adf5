namespace LoyaltyGrid.Domain.Members;

/// <summary>Points that expired (kept so an admin can reinstate them). <see cref="ExpiryId"/> is the journal sequence of the expiry.</summary>
public sealed class Expiration
{
    public required long ExpiryId { get; init; }
    public required DateTimeOffset ExpiredAt { get; init; }
    public required long Points { get; init; }
    public bool Reinstated { get; set; }
}
