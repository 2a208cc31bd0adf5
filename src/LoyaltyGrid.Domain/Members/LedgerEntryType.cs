namespace LoyaltyGrid.Domain.Members;

public enum LedgerEntryType
{
    Purchase,
    Return,
    Hold,
    Capture,
    Release,
    Adjustment,
    /// <summary>Pending points became available (moves points, total unchanged).</summary>
    Maturity,
    Expiry,
    Reinstatement,
    /// <summary>A tier upgrade, review or downgrade (moves no points).</summary>
    TierChange,
    /// <summary>The balance a member brought from another system (bulk import).</summary>
    OpeningBalance,
    /// <summary>Points a program rule gave outside a purchase (the birthday bonus).</summary>
    Bonus,
}
