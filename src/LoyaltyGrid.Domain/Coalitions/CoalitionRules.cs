using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>Questions checkout and settlement ask of a coalition program.</summary>
public static class CoalitionRules
{
    /// <summary>
    /// The terms <paramref name="merchantId"/> is a partner on at <paramref name="time"/>, or null if it is not a
    /// partner then (never joined, not yet joined, left) or the program is not a coalition. Checkout of a coalition
    /// program refuses a merchant for which this is null.
    /// </summary>
    public static PartnerTerms? PartnerAt(ProgramRules rules, string merchantId, DateTimeOffset time) =>
        rules.Coalition?.Partner(merchantId)?.TermsAt(time);

    public static bool IsCoalition(ProgramRules rules) => rules.Coalition is not null;
}
