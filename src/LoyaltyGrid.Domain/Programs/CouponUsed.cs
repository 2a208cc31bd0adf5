namespace LoyaltyGrid.Domain.Programs;

/// <summary>The member's purchase <see cref="CouponEvent.UseId"/> took one use of the code.</summary>
public sealed record CouponUsed(string MemberId, string UseId, DateTimeOffset At) : CouponEvent(MemberId, UseId, At);
