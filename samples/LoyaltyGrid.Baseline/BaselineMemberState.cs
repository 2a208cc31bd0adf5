namespace LoyaltyGrid.Baseline;

/// <summary>
/// What the AdoNet grain storage writes for one member, whole, on every change (serialised by Orleans' default
/// grain storage serializer, JSON). Mutable with public setters because that serializer expects it.
/// </summary>
public sealed class BaselineMemberState
{
    public bool Enrolled { get; set; }
    public string EnrollRequestId { get; set; } = "";
    public DateTime EnrolledAt { get; set; }
    public long Available { get; set; }
    public long LifetimeEarned { get; set; }
    public long Purchases { get; set; }

    /// <summary>The member's latest purchase requests, oldest first, so a resent request_id gets its first answer.</summary>
    public List<RememberedPurchase> Recent { get; set; } = [];
}
