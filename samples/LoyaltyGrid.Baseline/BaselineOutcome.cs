namespace LoyaltyGrid.Baseline;

/// <summary>How a member call ended; refusals are values, not exceptions, like the product's grain replies.</summary>
public enum BaselineOutcome
{
    Ok,
    MemberNotFound,
    AlreadyEnrolled,
    RequestIdReused,
}
