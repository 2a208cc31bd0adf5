namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// A member's points. Invariant: <see cref="Total"/> (available + held + pending) equals the sum of the member's
/// ledger entries' points, and equals earned − redeemed − reversed − expired + reinstated + adjusted
/// − transferred out + transferred in
/// (<see cref="LifetimeAdjusted"/> is the net of manual credits and debits, less cancelled credit adjustments).
/// </summary>
public sealed record Balance(
    long Available = 0,
    long Pending = 0,
    long Held = 0,
    long LifetimeEarned = 0,
    long LifetimeRedeemed = 0,
    long LifetimeReversed = 0,
    long LifetimeExpired = 0,
    long LifetimeReinstated = 0,
    long LifetimeAdjusted = 0,
    long LifetimeTransferredOut = 0,
    long LifetimeTransferredIn = 0)
{
    public static readonly Balance Zero = new();

    public long Total => Available + Held + Pending;
}
