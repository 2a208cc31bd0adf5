using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using Core = LoyaltyGrid.Domain.Benefits;
using Programs = LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Api;

/// <summary>Benefit messages to domain values and back.</summary>
internal static class BenefitMapper
{
    public static V1.Benefit ToProto(this Core.Benefit b)
    {
        var proto = new V1.Benefit
        {
            BenefitId = b.BenefitId,
            Name = b.Name,
            Kind = b.Kind.ToProto(),
            PercentOff = b.PercentOff,
            AmountOffMinor = b.AmountOffMinor,
            FreeService = b.Service.ToProto(),
            BonusPoints = b.BonusPoints,
            Target = b.Target.ToProto(),
            ValidFrom = Timestamp.FromDateTimeOffset(b.ValidFrom),
            ValidUntil = Timestamp.FromDateTimeOffset(b.ValidUntil),
            PublishedAt = Timestamp.FromDateTimeOffset(b.PublishedAt),
            PublishedBy = b.PublishedBy,
            RetiredAt = b.RetiredAt is { } retired ? Timestamp.FromDateTimeOffset(retired) : null,
            RetiredBy = b.RetiredBy ?? "",
        };
        proto.MerchantIds.AddRange(b.MerchantIds);
        proto.SegmentIds.AddRange(b.SegmentIds);
        return proto;
    }

    public static EligibleBenefit ToProto(this Core.BenefitOffer o) => new()
    {
        BenefitId = o.BenefitId,
        Name = o.Name,
        Kind = o.Kind.ToProto(),
        PercentOff = o.PercentOff,
        AmountOffMinor = o.AmountOffMinor,
        FreeService = o.Service.ToProto(),
        BonusPoints = o.BonusPoints,
        ValidUntil = Timestamp.FromDateTimeOffset(o.ValidUntil),
    };

    public static Core.BenefitKind ToDomain(this BenefitKind kind, RequestValidator v)
    {
        switch (kind)
        {
            case BenefitKind.PercentageDiscount: return Core.BenefitKind.PercentageDiscount;
            case BenefitKind.FixedDiscount: return Core.BenefitKind.FixedDiscount;
            case BenefitKind.FreeService: return Core.BenefitKind.FreeService;
            case BenefitKind.BonusPoints: return Core.BenefitKind.BonusPoints;
            case BenefitKind.EarlySaleAccess: return Core.BenefitKind.EarlySaleAccess;
            case BenefitKind.Unspecified:
                v.Add("kind", "is required: percentage or fixed discount, free service, bonus points or early sale access");
                return Core.BenefitKind.PercentageDiscount;
            default:
                v.Add("kind", $"{(int)kind} is not a known value");
                return Core.BenefitKind.PercentageDiscount;
        }
    }

    public static Core.FreeService ToDomain(this FreeService service, RequestValidator v)
    {
        switch (service)
        {
            case FreeService.Unspecified: return Core.FreeService.None;
            case FreeService.AdvanceReplacement: return Core.FreeService.AdvanceReplacement;
            case FreeService.OnSiteService: return Core.FreeService.OnSiteService;
            case FreeService.ExtendedWarranty: return Core.FreeService.ExtendedWarranty;
            default:
                v.Add("free_service", $"{(int)service} is not a known value");
                return Core.FreeService.None;
        }
    }

    public static Programs.PromotionTarget ToDomain(this BenefitTarget? target, RequestValidator v)
    {
        if (target is null)
        {
            return Programs.PromotionTarget.Everyone;
        }
        var kind = target.Audience switch
        {
            BenefitAudience.Unspecified or BenefitAudience.AllMembers => Programs.TargetKind.AllMembers,
            BenefitAudience.Tiers => Programs.TargetKind.Tiers,
            BenefitAudience.FirstTimeCustomers => Programs.TargetKind.FirstTimeCustomers,
            BenefitAudience.Lapsed => Programs.TargetKind.Lapsed,
            var other => Unknown(v, (int)other),
        };
        return new Programs.PromotionTarget(kind, [.. target.TierIds], target.LapsedDays);
    }

    private static Programs.TargetKind Unknown(RequestValidator v, int value)
    {
        v.Add("target.audience", $"{value} is not a known value");
        return Programs.TargetKind.AllMembers;
    }

    private static BenefitTarget ToProto(this Programs.PromotionTarget target)
    {
        var proto = new BenefitTarget
        {
            Audience = target.Kind switch
            {
                Programs.TargetKind.Tiers => BenefitAudience.Tiers,
                Programs.TargetKind.FirstTimeCustomers => BenefitAudience.FirstTimeCustomers,
                Programs.TargetKind.Lapsed => BenefitAudience.Lapsed,
                _ => BenefitAudience.AllMembers,
            },
            LapsedDays = target.LapsedDays,
        };
        proto.TierIds.AddRange(target.TierIds);
        return proto;
    }

    private static BenefitKind ToProto(this Core.BenefitKind kind) => kind switch
    {
        Core.BenefitKind.PercentageDiscount => BenefitKind.PercentageDiscount,
        Core.BenefitKind.FixedDiscount => BenefitKind.FixedDiscount,
        Core.BenefitKind.FreeService => BenefitKind.FreeService,
        Core.BenefitKind.BonusPoints => BenefitKind.BonusPoints,
        _ => BenefitKind.EarlySaleAccess,
    };

    private static FreeService ToProto(this Core.FreeService service) => service switch
    {
        Core.FreeService.AdvanceReplacement => FreeService.AdvanceReplacement,
        Core.FreeService.OnSiteService => FreeService.OnSiteService,
        Core.FreeService.ExtendedWarranty => FreeService.ExtendedWarranty,
        _ => FreeService.Unspecified,
    };
}
