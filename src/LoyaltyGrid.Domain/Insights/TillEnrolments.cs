namespace LoyaltyGrid.Domain.Insights;

/// <summary>
/// The staff view's line of one till in a period: the members who joined there ("" where the enrolment named no place)
/// and the feedback given there.
/// </summary>
public sealed record TillEnrolments(string MerchantId, string StoreId, string TerminalId, long Enrolments, long Feedback);
