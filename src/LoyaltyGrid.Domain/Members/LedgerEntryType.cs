namespace LoyaltyGrid.Domain.Members;

public enum LedgerEntryType
{
    Purchase,
    Return,
    Hold,
    Capture,
    Release,
    Adjustment,
}
