namespace LoyaltyGrid.Domain.Members;

public enum HoldReleaseReason
{
    Voided,
    Expired,
}
