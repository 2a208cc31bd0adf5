namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// Where a purchase's points were issued, or where a hold was authorized: the partner and the price per thousand
/// points of its terms then (the issue price for a purchase, the reimbursement for a hold). Business at a merchant that
/// was no partner then has no origin: it is the operator's, at no price.
/// </summary>
public sealed record SettlementOrigin(string MerchantId, long PriceMinorPerThousandPoints);
