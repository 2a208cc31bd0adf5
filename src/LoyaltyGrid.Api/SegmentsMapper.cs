using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using Core = LoyaltyGrid.Domain.Programs;
using Profiles = LoyaltyGrid.Domain.Profiles;

namespace LoyaltyGrid.Api;

/// <summary>Segment messages to domain values and back.</summary>
public static class SegmentsMapper
{
    public static Segment ToProto(this Core.Segment s, long memberCount) => new()
    {
        SegmentId = s.SegmentId,
        Name = s.Name,
        Conditions = s.Conditions.ToProto(),
        DefinedAt = Timestamp.FromDateTimeOffset(s.DefinedAt),
        MemberCount = memberCount,
    };

    public static SegmentConditions ToProto(this Core.SegmentConditions c)
    {
        var proto = new SegmentConditions
        {
            TierIds = { c.TierIds },
            WindowDays = c.WindowDays,
            EnrolledFrom = c.EnrolledFrom is { } from ? Timestamp.FromDateTimeOffset(from) : null,
            EnrolledBefore = c.EnrolledBefore is { } before ? Timestamp.FromDateTimeOffset(before) : null,
            BirthdayMonths = { c.BirthdayMonths },
            ConsentedChannels = { c.ConsentedChannels.Select(ch => (ConsentChannel)(int)ch) },
            VisitedMerchantIds = { c.VisitedMerchantIds },
            NpsCategories = { c.NpsCategories.Select(n => (NpsCategory)(int)n) },
            Rfm = c.Rfm is { } rfm ? new RfmBands
            {
                RecencyDays = { rfm.RecencyDays },
                FrequencyPurchases = { rfm.FrequencyPurchases },
                MonetaryMinor = { rfm.MonetaryMinor },
                MinRecency = rfm.MinRecency,
                MaxRecency = rfm.MaxRecency,
                MinFrequency = rfm.MinFrequency,
                MaxFrequency = rfm.MaxFrequency,
                MinMonetary = rfm.MinMonetary,
                MaxMonetary = rfm.MaxMonetary,
            } : null,
        };
        if (c.MinMerchantsVisited is { } minMerchants) { proto.MinMerchantsVisited = minMerchants; }
        if (c.MinPoints is { } minPoints) { proto.MinPoints = minPoints; }
        if (c.MaxPoints is { } maxPoints) { proto.MaxPoints = maxPoints; }
        if (c.MinPurchases is { } minPurchases) { proto.MinPurchases = minPurchases; }
        if (c.MaxPurchases is { } maxPurchases) { proto.MaxPurchases = maxPurchases; }
        if (c.MinSpendMinor is { } minSpend) { proto.MinSpendMinor = minSpend; }
        if (c.MaxSpendMinor is { } maxSpend) { proto.MaxSpendMinor = maxSpend; }
        if (c.MinDaysSinceLastPurchase is { } minDays) { proto.MinDaysSinceLastPurchase = minDays; }
        if (c.MaxDaysSinceLastPurchase is { } maxDays) { proto.MaxDaysSinceLastPurchase = maxDays; }
        return proto;
    }

    /// <summary>Unset conditions: none (every enrolled member is in the segment).</summary>
    public static Core.SegmentConditions ToDomain(this SegmentConditions? c) => c is null ? new Core.SegmentConditions() : new()
    {
        TierIds = c.TierIds.ToArray(),
        MinPoints = c.HasMinPoints ? c.MinPoints : null,
        MaxPoints = c.HasMaxPoints ? c.MaxPoints : null,
        WindowDays = c.WindowDays,
        MinPurchases = c.HasMinPurchases ? c.MinPurchases : null,
        MaxPurchases = c.HasMaxPurchases ? c.MaxPurchases : null,
        MinSpendMinor = c.HasMinSpendMinor ? c.MinSpendMinor : null,
        MaxSpendMinor = c.HasMaxSpendMinor ? c.MaxSpendMinor : null,
        MinDaysSinceLastPurchase = c.HasMinDaysSinceLastPurchase ? c.MinDaysSinceLastPurchase : null,
        MaxDaysSinceLastPurchase = c.HasMaxDaysSinceLastPurchase ? c.MaxDaysSinceLastPurchase : null,
        EnrolledFrom = c.EnrolledFrom?.ToDateTimeOffset(),
        EnrolledBefore = c.EnrolledBefore?.ToDateTimeOffset(),
        BirthdayMonths = c.BirthdayMonths.ToArray(),
        // Unspecified (0) and unknown values stay as they are, for validation to name.
        ConsentedChannels = c.ConsentedChannels.Select(ch => (Profiles.ConsentChannel)(int)ch).ToArray(),
        VisitedMerchantIds = c.VisitedMerchantIds.ToArray(),
        MinMerchantsVisited = c.HasMinMerchantsVisited ? c.MinMerchantsVisited : null,
        NpsCategories = c.NpsCategories.Select(n => (Core.NpsCategory)(int)n).ToArray(),
        Rfm = c.Rfm is { } rfm ? new Core.RfmBands
        {
            RecencyDays = rfm.RecencyDays.ToArray(),
            FrequencyPurchases = rfm.FrequencyPurchases.ToArray(),
            MonetaryMinor = rfm.MonetaryMinor.ToArray(),
            MinRecency = rfm.MinRecency,
            MaxRecency = rfm.MaxRecency,
            MinFrequency = rfm.MinFrequency,
            MaxFrequency = rfm.MaxFrequency,
            MinMonetary = rfm.MinMonetary,
            MaxMonetary = rfm.MaxMonetary,
        } : null,
    };
}
