namespace LoyaltyGrid.Domain.Programs;

/// <summary>A use was given back (its purchase was returned, or never became durable): the code can be used again.</summary>
public sealed record CouponUseReleased(string MemberId, string UseId, DateTimeOffset At) : CouponEvent(MemberId, UseId, At);
