using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Referrals;

/// <summary>One referral a member made, as ListReferrals shows it.</summary>
public sealed record ReferralSummary(
    string ReferralId,
    string Code,
    string ReferrerMemberId,
    string RefereeMemberId,
    ReferralStatus Status,
    ReferralRejection? Rejection,
    long ReferrerPoints,
    DateTimeOffset ReferredAt,
    DateTimeOffset? SettledAt)
{
    /// <summary>The referrals in a referrer's journal (oldest first), newest first: each made, then how it ended.</summary>
    public static IReadOnlyList<ReferralSummary> Of(string referrerMemberId, IEnumerable<MemberEvent> journal)
    {
        var byId = new Dictionary<string, ReferralSummary>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var e in journal)
        {
            switch (e)
            {
                case ReferralMade made:
                    byId[made.ReferralId] = new ReferralSummary(made.ReferralId, made.Code, referrerMemberId, made.RefereeMemberId,
                        StatusOf(made), made.Rejection, 0, made.OccurredAt,
                        made.Rejection is null ? null : made.OccurredAt);
                    order.Add(made.ReferralId);
                    break;
                case ReferralSettled settled when byId.TryGetValue(settled.ReferralId, out var pending):
                    byId[settled.ReferralId] = pending with
                    {
                        Status = StatusOf(settled),
                        Rejection = settled.Voided,
                        ReferrerPoints = settled.Points,
                        SettledAt = settled.OccurredAt,
                    };
                    break;
            }
        }
        return order.AsEnumerable().Reverse().Select(id => byId[id]).ToArray();
    }

    /// <summary>
    /// Where a referral stands once its referrer recorded how it ended: a purchase returned voids an accepted referral;
    /// a self-referral or a referee already a member, found when the reward falls due, rejects it.
    /// </summary>
    public static ReferralStatus StatusOf(ReferralSettled settled) => settled.Voided switch
    {
        null => ReferralStatus.Rewarded,
        ReferralRejection.PurchaseReturned => ReferralStatus.Voided,
        _ => ReferralStatus.Rejected,
    };

    /// <summary>Where a referral stands when its referrer recorded it: pending, or rejected.</summary>
    public static ReferralStatus StatusOf(ReferralMade made) => made.Rejection is null ? ReferralStatus.Pending : ReferralStatus.Rejected;
}
