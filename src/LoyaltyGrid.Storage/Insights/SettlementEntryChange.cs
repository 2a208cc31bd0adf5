namespace LoyaltyGrid.Storage.Insights;

/// <summary>
/// One member event's settlement figures at the instant the server recorded it: with the day totals, they let a
/// settlement period start and end at any instant. Kept for coalition programs only.
/// </summary>
public sealed record SettlementEntryChange(string ProgramId, DateTimeOffset RecordedAt, string MerchantId, SettlementFigures Figures);
