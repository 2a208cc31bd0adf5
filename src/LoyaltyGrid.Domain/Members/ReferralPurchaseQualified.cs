namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The referee's first qualifying purchase: the referral is rewarded at <see cref="FinalAt"/>, when the purchase can no
/// longer be returned (its points mature, or the return horizon passes), unless it is returned first.
/// </summary>
public sealed record ReferralPurchaseQualified(string ReferralId, string TransactionId, DateTimeOffset FinalAt) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;
}
