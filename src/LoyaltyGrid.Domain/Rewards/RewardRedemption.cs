namespace LoyaltyGrid.Domain.Rewards;

/// <summary>One member's redemption of a reward, by its code (unique within the program: the reward id is its prefix).</summary>
public sealed record RewardRedemption(
    string Code,
    string RewardId,
    string MemberId,
    long Points,
    RedemptionStatus Status,
    DateTimeOffset RedeemedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The member's available points after the debit (Issued), or after the refund (Cancelled and refunded).</summary>
    public long AvailableAfter { get; init; }

    public bool Refunded { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>The redeeming request's key in <see cref="RewardState.Requests"/>.</summary>
    public string? RequestKey { get; init; }

    /// <summary>The reward's id, from a code (everything before the last '.'), or null if the code is not a reward code's shape.</summary>
    public static string? RewardIdOf(string code)
    {
        var dot = code.LastIndexOf('.');
        return dot > 0 && code.Length - dot - 1 == RewardState.CodeSuffixLength ? code[..dot] : null;
    }
}
