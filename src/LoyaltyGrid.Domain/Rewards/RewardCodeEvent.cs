namespace LoyaltyGrid.Domain.Rewards;

/// <summary>One change to a reward code's life at checkout, as its own stream stores it (rewards_events.proto).</summary>
public abstract record RewardCodeEvent
{
    public required DateTimeOffset At { get; init; }
}

/// <summary>The reward's grain issued the code (after the member's points were debited).</summary>
public sealed record RewardCodeIssued(RewardCode Terms) : RewardCodeEvent;

/// <summary>A purchase used the code (its use id: the member and the purchase's request id).</summary>
public sealed record RewardCodeUsed(string MemberId, string UseId) : RewardCodeEvent;

/// <summary>The purchase that used the code was returned in full (or could not be made durable): the code can be used again.</summary>
public sealed record RewardCodeUseReleased(string MemberId, string UseId) : RewardCodeEvent;

/// <summary>The member cancelled the unused code: checkout refuses it from now on.</summary>
public sealed record RewardCodeCancelled : RewardCodeEvent;
