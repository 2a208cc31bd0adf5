namespace LoyaltyGrid.Storage.Insights;

/// <summary>What a batch adds to one settlement party's figures of one UTC day (of when the server recorded the events); party "" is the operator.</summary>
public sealed record SettlementDayChange(string ProgramId, DateOnly Day, string MerchantId, SettlementFigures Figures);
