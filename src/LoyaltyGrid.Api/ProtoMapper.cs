using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Grains;
using Core = LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Api;

/// <summary>Domain values to proto messages and back; field names follow the proto.</summary>
internal static class ProtoMapper
{
    public static V1.Balance ToProto(this Core.Balance b) => new()
    {
        Available = b.Available,
        Pending = b.Pending,
        Held = b.Held,
        LifetimeEarned = b.LifetimeEarned,
        LifetimeRedeemed = b.LifetimeRedeemed,
        LifetimeReversed = b.LifetimeReversed,
        LifetimeExpired = b.LifetimeExpired,
        LifetimeReinstated = b.LifetimeReinstated,
        LifetimeAdjusted = b.LifetimeAdjusted,
        LifetimeTransferredOut = b.LifetimeTransferredOut,
        LifetimeTransferredIn = b.LifetimeTransferredIn,
    };

    public static LoyaltyProgram ToProto(this ProgramSettings p) => new()
    {
        ProgramId = p.ProgramId,
        Name = p.Name,
        Currency = p.Currency,
        PointsPerCurrencyUnit = p.PointsPerCurrencyUnit,
        HoldTtl = Duration.FromTimeSpan(p.HoldTtl),
        AllowNegativeBalance = p.AllowNegativeBalance,
        OfflineWindow = Duration.FromTimeSpan(p.OfflineWindow),
        CreatedAt = Timestamp.FromDateTimeOffset(p.CreatedAt),
        ReturnHorizon = Duration.FromTimeSpan(p.ReturnHorizon),
        MaxTransferPointsPerDay = p.MaxTransferPointsPerDay,
    };

    public static Member ToProto(this MemberView m)
    {
        var overview = m.Overview;
        var member = new Member
        {
            ProgramId = m.Profile.ProgramId,
            MemberId = m.Profile.MemberId,
            CardAlias = m.Profile.CardAlias ?? "",
            EnrolledAt = Timestamp.FromDateTimeOffset(m.Profile.EnrolledAt),
            Balance = m.Balance.ToProto(),
            Tier = overview.Tier?.ToProto(),
            TierSince = overview.TierSince is { } since ? Timestamp.FromDateTimeOffset(since) : null,
            TierReviewAt = overview.TierReviewAt is { } review ? Timestamp.FromDateTimeOffset(review) : null,
            TierMetric = overview.TierMetric,
            NextTier = overview.NextTier?.ToProto(),
            NextTierNeeds = overview.NextTierNeeds,
            PurchaseCount = overview.PurchaseCount,
            FirstPurchaseAt = overview.FirstPurchaseAt is { } first ? Timestamp.FromDateTimeOffset(first) : null,
            LastPurchaseAt = overview.LastPurchaseAt is { } last ? Timestamp.FromDateTimeOffset(last) : null,
            TierAssigned = overview.TierAssigned,
            TierAssignedUntil = overview.TierAssignedUntil is { } until ? Timestamp.FromDateTimeOffset(until) : null,
        };
        member.ExpiringSoon.AddRange(overview.Expiring.Select(x => new ExpiringPoints
        {
            Points = x.Points,
            ExpiresAt = Timestamp.FromDateTimeOffset(x.ExpiresAt),
        }));
        member.PunchCards.AddRange(overview.PunchCards.Select(ToProto));
        member.BounceBackCoupons.AddRange(overview.BounceBackCoupons.Select(ToProto));
        return member;
    }

    public static BounceBackCoupon ToProto(this Core.BounceBackCoupon c) => new()
    {
        Code = c.Code,
        PromotionId = c.PromotionId,
        TransactionId = c.TransactionId,
        DiscountPercent = c.DiscountPercent,
        DiscountMinor = c.DiscountMinor,
        ValidFrom = Timestamp.FromDateTimeOffset(c.ValidFrom),
        ValidUntil = Timestamp.FromDateTimeOffset(c.ValidUntil),
    };

    public static MemberTier ToProto(this Core.TierSnapshot t)
    {
        var tier = new MemberTier { TierId = t.TierId, Name = t.Name, EarnMultiplierPercent = t.EarnMultiplierPercent };
        tier.Benefits.AddRange(t.Benefits);
        return tier;
    }

    public static PunchCardProgress ToProto(this Core.PunchCardChange c) => new()
    {
        PromotionId = c.PromotionId,
        Before = c.Before,
        After = c.After,
        Required = c.Required,
        FreeItems = c.FreeItems,
    };

    public static PointsBreakdownLine ToProto(this Core.PointsComponent c) => new()
    {
        Rule = c.Rule,
        PromotionId = c.PromotionId ?? "",
        Points = c.Points,
        Description = c.Description,
    };

    public static RecordPurchaseResponse ToProto(this Core.PurchaseRecorded p)
    {
        var response = new RecordPurchaseResponse
        {
            TransactionId = p.TransactionId,
            PointsEarned = p.Points,
            Balance = p.BalanceAfter.ToProto(),
            TotalMinor = p.TotalMinor,
            Currency = p.Currency,
            DiscountTotalMinor = p.DiscountMinor,
            QualifyingMinor = p.QualifyingMinor,
            PendingUntil = p.PendingUntil is { } until ? Timestamp.FromDateTimeOffset(until) : null,
            Tier = p.Tier?.ToProto(),
        };
        response.Breakdown.AddRange(p.Components.Where(c => c.Points != 0).Select(ToProto));
        response.Discounts.AddRange(p.Discounts.Select(d => new V1.DiscountLine
        {
            PromotionId = d.PromotionId,
            CouponCode = d.CouponCode ?? "",
            Sku = d.Sku,
            Quantity = d.Quantity,
            AmountMinor = d.AmountMinor,
            Description = d.Description,
        }));
        response.PunchCards.AddRange(p.PunchCards.Select(ToProto));
        response.BounceBackCoupons.AddRange(p.BounceBackCoupons.Select(ToProto));
        response.Coupons.AddRange(p.Coupons.Select(c => new CouponResult
        {
            Code = c.Code,
            Accepted = c.Accepted,
            Reason = c.Reason ?? "",
            Message = c.Message ?? "",
            PromotionId = c.PromotionId ?? "",
            DiscountMinor = c.DiscountMinor,
            BonusPoints = c.BonusPoints,
        }));
        response.EligibleBenefits.AddRange(p.EligibleBenefits.Select(BenefitMapper.ToProto));
        response.AppliedBenefitIds.AddRange(p.AppliedBenefitIds);
        return response;
    }

    public static RecordReturnResponse ToProto(this Core.ReturnRecorded r)
    {
        var response = new RecordReturnResponse
        {
            ReturnId = r.ReturnId,
            PointsReversed = r.Points,
            PointsWrittenOff = r.WrittenOff,
            PointsAlreadyExpired = r.AlreadyExpired,
            Balance = r.BalanceAfter.ToProto(),
            PointsPendingCancelled = r.PendingCancelled,
            RefundMinor = r.RefundMinor,
        };
        response.Reversed.AddRange(r.Reversed.Select(ToProto));
        response.PunchCards.AddRange(r.PunchCards.Select(ToProto));
        response.CouponsReleased.AddRange(r.CouponsReleased);
        return response;
    }

    public static LedgerEntry ToProto(this Core.LedgerEntry e) => new()
    {
        Sequence = e.Sequence,
        Type = e.Type switch
        {
            Core.LedgerEntryType.Purchase => LedgerEntryType.Purchase,
            Core.LedgerEntryType.Return => LedgerEntryType.Return,
            Core.LedgerEntryType.Hold => LedgerEntryType.Hold,
            Core.LedgerEntryType.Capture => LedgerEntryType.Capture,
            Core.LedgerEntryType.Release => LedgerEntryType.Release,
            Core.LedgerEntryType.Adjustment => LedgerEntryType.Adjustment,
            Core.LedgerEntryType.Maturity => LedgerEntryType.Maturity,
            Core.LedgerEntryType.Expiry => LedgerEntryType.Expiry,
            Core.LedgerEntryType.Reinstatement => LedgerEntryType.Reinstatement,
            Core.LedgerEntryType.TierChange => LedgerEntryType.TierChange,
            Core.LedgerEntryType.OpeningBalance => LedgerEntryType.OpeningBalance,
            Core.LedgerEntryType.Transfer => LedgerEntryType.Transfer,
            Core.LedgerEntryType.Bonus => LedgerEntryType.Bonus,
            Core.LedgerEntryType.Event => LedgerEntryType.Event,
            Core.LedgerEntryType.FeedbackReward => LedgerEntryType.FeedbackReward,
            Core.LedgerEntryType.OfferBonus => LedgerEntryType.OfferBonus,
            Core.LedgerEntryType.Referral => LedgerEntryType.Referral,
            Core.LedgerEntryType.RewardRedemption => LedgerEntryType.RewardRedemption,
            Core.LedgerEntryType.RewardRefund => LedgerEntryType.RewardRefund,
            _ => LedgerEntryType.Unspecified,
        },
        Points = e.Points,
        AvailableDelta = e.AvailableDelta,
        HeldDelta = e.HeldDelta,
        Rule = e.Rule,
        Description = e.Description,
        RequestId = e.RequestId ?? "",
        TransactionId = e.TransactionId ?? "",
        HoldId = e.HoldId ?? "",
        MerchantId = e.MerchantId ?? "",
        StoreId = e.StoreId ?? "",
        TerminalId = e.TerminalId ?? "",
        OccurredAt = Timestamp.FromDateTimeOffset(e.OccurredAt),
        RecordedAt = Timestamp.FromDateTimeOffset(e.RecordedAt),
        PendingDelta = e.PendingDelta,
        PromotionId = e.PromotionId ?? "",
        Actor = e.Actor ?? "",
        AdjustmentReason = e.AdjustmentReason is { } reason ? reason.ToProto() : V1.AdjustmentReason.Unspecified,
        Note = e.Note ?? "",
        AdjustmentId = e.AdjustmentId ?? "",
        TransferId = e.TransferId ?? "",
        CounterpartMemberId = e.CounterpartMemberId ?? "",
        EventId = e.EventId ?? "",
    };

    public static V1.AdjustmentReason ToProto(this Core.AdjustmentReason reason) => reason switch
    {
        Core.AdjustmentReason.Goodwill => V1.AdjustmentReason.Goodwill,
        Core.AdjustmentReason.Correction => V1.AdjustmentReason.Correction,
        Core.AdjustmentReason.Migration => V1.AdjustmentReason.Migration,
        _ => V1.AdjustmentReason.Other,
    };

    /// <summary>Null for UNSPECIFIED or an unknown value: the command's validation names the field.</summary>
    public static Core.AdjustmentReason? ToDomain(this V1.AdjustmentReason reason) => reason switch
    {
        V1.AdjustmentReason.Goodwill => Core.AdjustmentReason.Goodwill,
        V1.AdjustmentReason.Correction => Core.AdjustmentReason.Correction,
        V1.AdjustmentReason.Migration => Core.AdjustmentReason.Migration,
        V1.AdjustmentReason.Other => Core.AdjustmentReason.Other,
        _ => null,
    };

    /// <summary>A proto timestamp as a point in time; an out-of-range one is a field violation, not a crash.</summary>
    public static DateTimeOffset? ToDomain(this Timestamp? timestamp, string field)
    {
        if (timestamp is null)
        {
            return null;
        }
        try
        {
            return timestamp.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw Invalid(field, "is not a valid timestamp (seconds 0001-01-01 to 9999-12-31, nanos 0-999999999)");
        }
    }

    public static TimeSpan? ToDomain(this Duration? duration, string field)
    {
        if (duration is null)
        {
            return null;
        }
        try
        {
            return duration.ToTimeSpan();
        }
        catch (InvalidOperationException)
        {
            throw Invalid(field, "is not a valid duration");
        }
    }

    public static LoyaltyException Invalid(string field, string description) =>
        new(LoyaltyError.Invalid([new FieldViolation(field, description)]));
}
