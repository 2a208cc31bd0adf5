using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// A member's points. Invariant: <see cref="Total"/> (available + held + pending) equals the sum of the member's
/// ledger entries' points, and equals earned − redeemed − reversed − expired + reinstated + adjusted
/// − transferred out + transferred in
/// (<see cref="LifetimeAdjusted"/> is the net of manual credits and debits, less cancelled credit adjustments).
/// The totals added after the first release are left out of the JSON when 0, so a balance without them reads and
/// writes as it did.
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long LifetimeAdjusted = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long LifetimeTransferredOut = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] long LifetimeTransferredIn = 0)
{
    public static readonly Balance Zero = new();

    public long Total => Available + Held + Pending;
}
