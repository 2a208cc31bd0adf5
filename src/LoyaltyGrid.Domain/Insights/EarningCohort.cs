namespace LoyaltyGrid.Domain.Insights;

/// <summary>
/// The points earned in one UTC month (<paramref name="Month"/>, its first day) and what became of them so far, as
/// <see cref="PointsLiability"/> attributes the program's outflows to earning months. <paramref name="Closed"/>: none
/// of them is left (a cohort whose history is complete, the basis of the breakage rate).
/// </summary>
public sealed record EarningCohort(
    DateOnly Month, long Earned, long Redeemed, long Expired, long Reversed, long Outstanding, bool Closed);
