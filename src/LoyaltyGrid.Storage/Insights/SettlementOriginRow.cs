namespace LoyaltyGrid.Storage.Insights;

/// <summary>
/// The partner a purchase's points were issued by (at its issue price then) or a hold was authorized at (at its
/// reimbursement then). Only business at a partner has one; the rest is the operator's.
/// </summary>
public sealed record SettlementOriginRow(SettlementOriginKey Key, string MerchantId, long PriceMinorPerThousandPoints);
