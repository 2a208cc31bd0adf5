namespace LoyaltyGrid.Storage.Insights;

/// <summary>A page of referrals, newest first, and where the next starts (null: this is the last).</summary>
public sealed record ReferralPage(IReadOnlyList<ReferralRow> Rows, ReferralCursor? Next);
