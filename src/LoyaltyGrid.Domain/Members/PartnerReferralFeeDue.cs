namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The partner-referred member's first purchase at a partner other than its referrer (<see cref="TransactionId"/>, at
/// <see cref="MerchantId"/>): <see cref="MerchantId"/> owes <see cref="PartnerId"/> <see cref="FeeMinor"/>, the referral fee
/// of the referrer's terms when the purchase was recorded. Once per member; moves no points. Settlement counts it in the
/// period it was recorded in (<see cref="Coalitions.SettlementAttribution"/>).
/// </summary>
public sealed record PartnerReferralFeeDue(string PartnerId, string MerchantId, string TransactionId, long FeeMinor) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;
}
