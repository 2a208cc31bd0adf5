namespace LoyaltyGrid.Storage.Insights;

/// <summary>A member's purchase (by transaction id) or hold (by hold id) whose settlement origin a later return, cancellation or capture needs.</summary>
public readonly record struct SettlementOriginKey(string ProgramId, string MemberId, bool IsHold, string Id);
