namespace LoyaltyGrid.Domain.Rewards;

/// <summary>
/// One change to a reward (its definition, its stock, its redemptions), as the reward's own stream stores it
/// (rewards_events.proto). Journal-only: grains answer with <see cref="RewardView"/> and <see cref="RewardRedemption"/>.
/// </summary>
public abstract record RewardEvent
{
    /// <summary>The request that made it (for a member's request, <see cref="RewardState.RequestKey"/> of it), or null.</summary>
    public string? RequestId { get; init; }

    public string? Fingerprint { get; init; }

    public required DateTimeOffset At { get; init; }
}

/// <summary>The reward was created (the stream's first event) or its definition replaced.</summary>
public sealed record RewardDefined(Reward Reward, string Actor) : RewardEvent;

/// <summary>
/// One unit of stock is reserved for a member's redemption, durable before the member's points are debited; the
/// code is the redemption's id. Followed by <see cref="RewardIssued"/> (debited) or <see cref="RewardReservationReleased"/>.
/// </summary>
public sealed record RewardReserved(string Code, string MemberId, long Points, DateTimeOffset ExpiresAt) : RewardEvent;

/// <summary>The member's points were debited: the code is the member's until it expires.</summary>
public sealed record RewardIssued(string Code, long AvailableAfter) : RewardEvent;

/// <summary>The member's account refused the debit (<see cref="Reason"/>): the unit goes back to stock, nothing was taken.</summary>
public sealed record RewardReservationReleased(string Code, string Reason) : RewardEvent;

/// <summary>The member cancelled an unused code: the unit goes back to stock, the points are to be given back.</summary>
public sealed record RewardRedemptionCancelled(string Code) : RewardEvent;

/// <summary>The member's account gave the cancelled redemption's points back.</summary>
public sealed record RewardRefunded(string Code, long AvailableAfter) : RewardEvent;
