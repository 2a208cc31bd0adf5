namespace LoyaltyGrid.Storage.Insights;

/// <summary>A member's current digest of one contact kind ("email", "phone"); null: it has none (cleared or erased), so its row goes.</summary>
public sealed record ContactDigestChange(string ProgramId, string MemberId, string Kind, string? Digest);
