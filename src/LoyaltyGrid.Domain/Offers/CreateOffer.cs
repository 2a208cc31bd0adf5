namespace LoyaltyGrid.Domain.Offers;

/// <summary>Offers/CreateOffer. <see cref="Kind"/> null: the request named no kind.</summary>
/// <param name="ValidFrom">Null: from now.</param>
public sealed record CreateOffer(
    string RequestId,
    string ProgramId,
    string Actor,
    string OfferId,
    string Name,
    string? Description,
    OfferKind? Kind,
    long BonusPoints,
    string? PromotionId,
    string? RewardId,
    IReadOnlyList<string> MemberIds,
    IReadOnlyList<string> TierIds,
    IReadOnlyList<string> SegmentIds,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil,
    int PerMemberCap,
    long PointValueMilliMinor,
    long ProgramValueMinor)
{
    /// <summary>Every field on its own; the checks against the program (tiers, promotion, reward) and the clock are <see cref="OfferBook.Create"/>'s.</summary>
    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("offer_id", OfferId)
            .Text("name", Name, OfferLimits.MaxNameLength, required: true)
            .Text("description", Description, OfferLimits.MaxDescriptionLength)
            .Range("per_member_cap", PerMemberCap, 1, OfferLimits.MaxPerMemberCap)
            .Range("point_value_milli_minor", PointValueMilliMinor, 0, OfferLimits.MaxPointValueMilliMinor)
            .Range("program_value_minor", ProgramValueMinor, 0, OfferLimits.MaxProgramValueMinor);
        if (OfferId.Length > OfferLimits.MaxOfferIdLength)
        {
            v.Add("offer_id", $"must be at most {OfferLimits.MaxOfferIdLength} characters, got {OfferId.Length}");
        }
        switch (Kind)
        {
            case null:
                v.Add("kind", "is required: one of bonus_points, coupon or reward");
                break;
            case OfferKind.BonusPoints:
                v.Range("bonus_points.points", BonusPoints, 1, Limits.MaxBonusPoints);
                break;
            case OfferKind.Coupon:
                v.Id("coupon.promotion_id", PromotionId);
                break;
            case OfferKind.Reward:
                v.Id("reward.reward_id", RewardId);
                break;
        }
        Ids(v, "member_ids", MemberIds, OfferLimits.MaxMemberIds);
        Ids(v, "tier_ids", TierIds, OfferLimits.MaxTierIds);
        Ids(v, "segment_ids", SegmentIds, OfferLimits.MaxTierIds);
        if (ValidUntil is null)
        {
            v.Add("valid_until", "is required (an offer lasts at most 366 days)");
        }
        else if (ValidFrom is { } from && ValidUntil is { } until && until <= from)
        {
            v.Add("valid_until", $"must be after valid_from ({from:O})");
        }
        v.ThrowIfInvalid();
    }

    private static void Ids(RequestValidator v, string field, IReadOnlyList<string> ids, int max)
    {
        if (ids.Count > max)
        {
            v.Add(field, $"may name at most {max}, got {ids.Count}");
            return;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            var before = v.Violations.Count;
            v.Id($"{field}[{i}]", ids[i]);
            if (v.Violations.Count > before)
            {
                return;
            }
            if (!seen.Add(ids[i]))
            {
                v.Add($"{field}[{i}]", $"'{ids[i]}' is named twice");
                return;
            }
        }
    }
}
