namespace LoyaltyGrid.Domain.Insights;

/// <summary>
/// One row of a purchase history as the lifetime-value models read it: who bought, on which day, and for how much.
/// Several rows for one customer on one day are one purchase occasion (<see cref="CalibrationSummary"/> merges them).
/// </summary>
/// <param name="CustomerId">The customer (member) the purchase belongs to.</param>
/// <param name="Day">The calendar day of the purchase; the models count occasions in whole days.</param>
/// <param name="AmountMinor">The amount spent, in minor units of the program's currency (cents for USD).</param>
public sealed record CustomerPurchase(string CustomerId, DateOnly Day, long AmountMinor);
