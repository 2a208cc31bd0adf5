namespace LoyaltyGrid.Domain.Programs;

public sealed record CouponsIssued(CouponBatch Batch) : ProgramEvent;
