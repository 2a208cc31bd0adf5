using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using Core = LoyaltyGrid.Domain.Rewards;

namespace LoyaltyGrid.Api;

/// <summary>Rewards messages to domain commands and back.</summary>
public static class RewardsMapper
{
    public static Core.DefineReward ToDomain(this RewardDefinition? d, string requestId, string programId, bool create, string actor)
    {
        if (d is null)
        {
            new RequestValidator().Add("reward", "is required").ThrowIfInvalid();
        }
        var v = new RequestValidator();
        var kind = d!.Kind switch
        {
            V1.RewardKind.FreeProduct => Core.RewardKind.FreeProduct,
            V1.RewardKind.FixedDiscount => Core.RewardKind.FixedDiscount,
            V1.RewardKind.PercentageDiscount => Core.RewardKind.PercentageDiscount,
            V1.RewardKind.PartnerService => Core.RewardKind.PartnerService,
            V1.RewardKind.CharityDonation => Core.RewardKind.CharityDonation,
            _ => (Core.RewardKind?)null,
        };
        var validFrom = Field(v, () => d.ValidFrom.ToDomain("reward.valid_from"));
        var validUntil = Field(v, () => d.ValidUntil.ToDomain("reward.valid_until"));
        var codeValidity = Field(v, () => d.CodeValidity.ToDomain("reward.code_validity"));
        v.ThrowIfInvalid();
        var command = new Core.DefineReward(requestId, programId, create, actor, d.RewardId, d.Name, d.Description, kind, d.PointsCost, d.Sku,
            d.DiscountMinor, d.DiscountPercent, d.ServiceName, d.CharityName, d.DonationMinor, d.PartnerId, d.Stock, d.PerMemberLimit,
            validFrom, validUntil, [.. d.TierIds], codeValidity)
        {
            SegmentIds = [.. d.SegmentIds],
        };
        try
        {
            command.Validate();
        }
        catch (LoyaltyException invalid) when (invalid.Error.Violations is { Count: > 0 } violations)
        {
            // The definition's fields are named as the request has them: reward.points_cost, not points_cost.
            var named = violations.Select(f => f.Field is "request_id" or "program_id" ? f : f with { Field = "reward." + f.Field }).ToArray();
            throw new LoyaltyException(LoyaltyError.Invalid(named));
        }
        return command;
    }

    public static V1.Reward ToProto(this Core.RewardView view)
    {
        var r = view.Reward;
        var d = new RewardDefinition
        {
            RewardId = r.RewardId,
            Name = r.Name,
            Description = r.Description,
            Kind = r.Kind switch
            {
                Core.RewardKind.FreeProduct => V1.RewardKind.FreeProduct,
                Core.RewardKind.FixedDiscount => V1.RewardKind.FixedDiscount,
                Core.RewardKind.PercentageDiscount => V1.RewardKind.PercentageDiscount,
                Core.RewardKind.PartnerService => V1.RewardKind.PartnerService,
                Core.RewardKind.CharityDonation => V1.RewardKind.CharityDonation,
                _ => V1.RewardKind.Unspecified,
            },
            PointsCost = r.PointsCost,
            Sku = r.Sku ?? "",
            DiscountMinor = r.DiscountMinor,
            DiscountPercent = r.DiscountPercent,
            ServiceName = r.ServiceName ?? "",
            CharityName = r.CharityName ?? "",
            DonationMinor = r.DonationMinor,
            PartnerId = r.PartnerId ?? "",
            Stock = r.Stock,
            PerMemberLimit = r.PerMemberLimit,
            ValidFrom = Timestamp.FromDateTimeOffset(r.ValidFrom),
            ValidUntil = r.ValidUntil is { } until ? Timestamp.FromDateTimeOffset(until) : null,
            CodeValidity = Duration.FromTimeSpan(r.CodeValidity),
        };
        d.TierIds.AddRange(r.TierIds);
        d.SegmentIds.AddRange(r.SegmentIds);
        return new V1.Reward
        {
            Definition = d,
            StockLeft = view.StockLeft,
            CreatedAt = Timestamp.FromDateTimeOffset(view.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(view.UpdatedAt),
        };
    }

    public static V1.RewardRedemption ToProto(this Core.RewardRedemption r) => new()
    {
        Code = r.Code,
        RewardId = r.RewardId,
        MemberId = r.MemberId,
        Points = r.Points,
        Status = r.Status switch
        {
            Core.RedemptionStatus.Issued => RewardRedemptionStatus.Issued,
            Core.RedemptionStatus.Cancelled => RewardRedemptionStatus.Cancelled,
            _ => RewardRedemptionStatus.Unspecified,
        },
        RedeemedAt = Timestamp.FromDateTimeOffset(r.RedeemedAt),
        ExpiresAt = Timestamp.FromDateTimeOffset(r.ExpiresAt),
        CancelledAt = r.CancelledAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
    };

    private static T? Field<T>(RequestValidator v, Func<T?> read) where T : struct
    {
        try
        {
            return read();
        }
        catch (LoyaltyException invalid) when (invalid.Error.Violations is { Count: > 0 } violations)
        {
            foreach (var f in violations)
            {
                v.Add(f.Field, f.Description);
            }
            return null;
        }
    }
}
