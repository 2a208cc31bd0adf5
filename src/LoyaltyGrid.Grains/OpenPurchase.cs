namespace LoyaltyGrid.Grains;

/// <summary>What a member's points know of a transaction: when its purchase happened if it is still open (null: unknown or closed), and the program's return horizon.</summary>
[GenerateSerializer, Immutable, Alias("lg.OpenPurchase")]
public sealed record OpenPurchase([property: Id(0)] DateTimeOffset? PurchasedAt, [property: Id(1)] TimeSpan ReturnHorizon);
