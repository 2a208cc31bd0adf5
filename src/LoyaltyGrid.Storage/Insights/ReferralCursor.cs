namespace LoyaltyGrid.Storage.Insights;

/// <summary>Where a page of referrals (newest first) ended: the last row's time and id.</summary>
public sealed record ReferralCursor(DateTimeOffset ReferredAt, string ReferralId);
