namespace LoyaltyGrid.Domain.Members;

/// <summary>The completion reward of feedback <see cref="FeedbackId"/>: points available at once, as a lot earned now.</summary>
public sealed record FeedbackRewardCredited(string FeedbackId, long Points, string? TransactionId, string? MerchantId, string? StoreId) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before with
    {
        Available = before.Available + Points,
        LifetimeEarned = before.LifetimeEarned + Points,
    };
}
