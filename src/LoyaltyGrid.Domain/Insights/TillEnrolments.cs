namespace LoyaltyGrid.Domain.Insights;

/// <summary>The staff view's line of one till: the members who joined there in a period ("" where the enrolment named no place).</summary>
public sealed record TillEnrolments(string MerchantId, string StoreId, string TerminalId, long Enrolments);
