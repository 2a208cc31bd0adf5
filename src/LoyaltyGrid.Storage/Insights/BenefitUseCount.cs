namespace LoyaltyGrid.Storage.Insights;

/// <summary>How often a partner applied a benefit in a period.</summary>
public sealed record BenefitUseCount(string MerchantId, string BenefitId, long Uses);
