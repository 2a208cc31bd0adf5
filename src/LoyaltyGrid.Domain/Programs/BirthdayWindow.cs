namespace LoyaltyGrid.Domain.Programs;

/// <summary>When in the year a birthday bonus is given, in the program's time zone.</summary>
public enum BirthdayWindow
{
    /// <summary>On the birthday itself (29 February: the 28th in other years).</summary>
    Day = 1,
    /// <summary>Any time in the birthday month, as soon as the month starts.</summary>
    Month = 2,
}
