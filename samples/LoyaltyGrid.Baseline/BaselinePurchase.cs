namespace LoyaltyGrid.Baseline;

/// <summary>What the grain needs of a purchase: the basket is summed by the gRPC layer, the rate is fixed.</summary>
[GenerateSerializer, Immutable, Alias("lgb.BaselinePurchase")]
public sealed record BaselinePurchase(
    [property: Id(0)] string RequestId,
    [property: Id(1)] long TotalMinor);
