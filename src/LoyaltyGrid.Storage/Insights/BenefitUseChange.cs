namespace LoyaltyGrid.Storage.Insights;

/// <summary>A shared benefit a partner applied to a purchase, at the instant the server recorded it.</summary>
public sealed record BenefitUseChange(string ProgramId, DateTimeOffset RecordedAt, string MerchantId, string BenefitId);
