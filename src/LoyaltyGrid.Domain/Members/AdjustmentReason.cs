namespace LoyaltyGrid.Domain.Members;

/// <summary>Why an admin adjusted a member's points or cancelled an earning (on the statement; stored by value name in the proto).</summary>
public enum AdjustmentReason
{
    Goodwill,
    Correction,
    Migration,
    Other,
}
