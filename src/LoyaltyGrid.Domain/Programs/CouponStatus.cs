namespace LoyaltyGrid.Domain.Programs;

/// <summary>What is known about a coupon code at checkout: its batch (null: no such code) and how often it has been used.</summary>
public sealed record CouponStatus(string Code, CouponBatch? Batch, int Uses);
