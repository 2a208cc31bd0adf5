namespace LoyaltyGrid.Domain.Members;

public enum HoldStatus
{
    Open,
    Captured,
    Voided,
    Expired,
}
