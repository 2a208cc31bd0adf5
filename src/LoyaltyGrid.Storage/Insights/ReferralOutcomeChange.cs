namespace LoyaltyGrid.Storage.Insights;

/// <summary>How a referral already in the table ended (a batch after the one that made it): its new status, rejection, points and time.</summary>
public sealed record ReferralOutcomeChange(string ProgramId, string ReferralId, int Status, int? Rejection, long ReferrerPoints, DateTimeOffset SettledAt);
