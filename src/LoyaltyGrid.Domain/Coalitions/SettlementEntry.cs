namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// What one member event adds to settlement: its party (<see cref="MerchantId"/>, or "" for the operator), when the
/// server recorded it (which period it belongs to) and its figures.
/// </summary>
public readonly record struct SettlementEntry(string MerchantId, DateTimeOffset RecordedAt, SettlementAmounts Amounts)
{
    /// <summary>The party of figures that belong to no partner.</summary>
    public const string Operator = "";
}
