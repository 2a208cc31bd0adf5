namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// What an event rule's cap counts over. Periods are calendar periods in the program's time zone (not rolling
/// windows): a day from local midnight, an ISO week from Monday 00:00, a month from the 1st. <see cref="Once"/>: one
/// award per member, ever.
/// </summary>
public enum EventCapPeriod
{
    Once = 1,
    Day = 2,
    Week = 3,
    Month = 4,
}
