namespace LoyaltyGrid.Domain.Members;

/// <summary>How one purchase line moved a punch card: units stamped, and units given free (each used up a full card).</summary>
public sealed record PunchLine(string PromotionId, string Sku, long Stamped, long Free);
