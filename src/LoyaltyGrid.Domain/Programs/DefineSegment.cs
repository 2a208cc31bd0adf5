namespace LoyaltyGrid.Domain.Programs;

/// <summary>Defines a segment of the program's members, or replaces the definition of one.</summary>
public sealed record DefineSegment(string RequestId, string ProgramId, string Actor, string SegmentId, string Name, SegmentConditions Conditions)
    : IProgramCommand
{
    /// <summary>The longest purchase window a segment reads: members keep their purchases that long.</summary>
    public const int MaxWindowDays = 3660;

    public void Validate()
    {
        var c = Conditions;
        var v = new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId).Id("segment_id", SegmentId)
            .Text("name", Name, Limits.MaxNameLength, required: true);
        if (c.TierIds.Count > Limits.MaxScopeEntries)
        {
            v.Add("conditions.tier_ids", $"at most {Limits.MaxScopeEntries} entries");
        }
        for (var i = 0; i < Math.Min(c.TierIds.Count, Limits.MaxScopeEntries); i++)
        {
            v.Id($"conditions.tier_ids[{i}]", c.TierIds[i]);
            if (c.TierIds.Take(i).Contains(c.TierIds[i]))
            {
                v.Add($"conditions.tier_ids[{i}]", "lists a tier already listed");
            }
        }
        Bounds(v, "points", c.MinPoints, c.MaxPoints, 0, Limits.MaxThreshold);
        Bounds(v, "purchases", c.MinPurchases, c.MaxPurchases, 0, 1_000_000);
        Bounds(v, "spend_minor", c.MinSpendMinor, c.MaxSpendMinor, 0, Limits.MaxThreshold);
        Bounds(v, "days_since_last_purchase", c.MinDaysSinceLastPurchase, c.MaxDaysSinceLastPurchase, 0, MaxWindowDays);
        if (c.ReadsWindow)
        {
            v.Range("conditions.window_days", c.WindowDays, 1, MaxWindowDays);
        }
        else if (c.ReadsMerchants)
        {
            v.Range("conditions.window_days", c.WindowDays, 0, MaxWindowDays);
        }
        else if (c.WindowDays != 0)
        {
            v.Add("conditions.window_days", "is the window of the purchase, spend, merchant and RFM bounds: set one of them too, or leave it 0");
        }
        Channels(v, c.ConsentedChannels);
        Merchants(v, c);
        for (var i = 0; i < c.NpsCategories.Count; i++)
        {
            if (!Enum.IsDefined(c.NpsCategories[i]))
            {
                v.Add($"conditions.nps_categories[{i}]", "must be PROMOTER, PASSIVE, DETRACTOR or NOT_ANSWERED");
            }
            else if (c.NpsCategories.Take(i).Contains(c.NpsCategories[i]))
            {
                v.Add($"conditions.nps_categories[{i}]", "lists a category already listed");
            }
        }
        if (c.Rfm is { } rfm)
        {
            Rfm(v, rfm);
        }
        if (c.EnrolledFrom is { } from && c.EnrolledBefore is { } before && before <= from)
        {
            v.Add("conditions.enrolled_before", $"must be after enrolled_from ({from:O})");
        }
        for (var i = 0; i < c.BirthdayMonths.Count; i++)
        {
            v.Range($"conditions.birthday_months[{i}]", c.BirthdayMonths[i], 1, 12);
            if (c.BirthdayMonths.Take(i).Contains(c.BirthdayMonths[i]))
            {
                v.Add($"conditions.birthday_months[{i}]", "lists a month already listed");
            }
        }
        v.ThrowIfInvalid();
    }

    private static void Channels(RequestValidator v, IReadOnlyList<Profiles.ConsentChannel> channels)
    {
        for (var i = 0; i < channels.Count; i++)
        {
            if (!Enum.IsDefined(channels[i]))
            {
                v.Add($"conditions.consented_channels[{i}]", "must be EMAIL, SMS or PUSH");
            }
            else if (channels.Take(i).Contains(channels[i]))
            {
                v.Add($"conditions.consented_channels[{i}]", "lists a channel already listed");
            }
        }
    }

    private static void Merchants(RequestValidator v, SegmentConditions c)
    {
        if (c.VisitedMerchantIds.Count > Limits.MaxScopeEntries)
        {
            v.Add("conditions.visited_merchant_ids", $"at most {Limits.MaxScopeEntries} entries");
        }
        for (var i = 0; i < Math.Min(c.VisitedMerchantIds.Count, Limits.MaxScopeEntries); i++)
        {
            v.Id($"conditions.visited_merchant_ids[{i}]", c.VisitedMerchantIds[i]);
            if (c.VisitedMerchantIds.Take(i).Contains(c.VisitedMerchantIds[i]))
            {
                v.Add($"conditions.visited_merchant_ids[{i}]", "lists a merchant already listed");
            }
        }
        if (c.MinMerchantsVisited is { } min)
        {
            v.Range("conditions.min_merchants_visited", min, 1, Members.MemberState.MaxMerchantVisits);
        }
    }

    private static void Rfm(RequestValidator v, RfmBands rfm)
    {
        Edges(v, "recency_days", rfm.RecencyDays.Select(e => (long)e).ToArray(), 0, MaxWindowDays);
        Edges(v, "frequency_purchases", rfm.FrequencyPurchases.Select(e => (long)e).ToArray(), 1, 1_000_000);
        Edges(v, "monetary_minor", rfm.MonetaryMinor, 1, Limits.MaxThreshold);
        Scores(v, "recency", rfm.MinRecency, rfm.MaxRecency);
        Scores(v, "frequency", rfm.MinFrequency, rfm.MaxFrequency);
        Scores(v, "monetary", rfm.MinMonetary, rfm.MaxMonetary);
        if (rfm is { MinRecency: 0, MaxRecency: 0, MinFrequency: 0, MaxFrequency: 0, MinMonetary: 0, MaxMonetary: 0 })
        {
            v.Add("conditions.rfm", "set at least one score bound (min_ or max_ recency, frequency or monetary, 1-5)");
        }
    }

    private static void Edges(RequestValidator v, string name, IReadOnlyList<long> edges, long lowest, long highest)
    {
        if (edges.Count != RfmBands.Edges)
        {
            v.Add($"conditions.rfm.{name}", $"needs exactly {RfmBands.Edges} ascending edges (between scores 5/4, 4/3, 3/2 and 2/1)");
            return;
        }
        for (var i = 0; i < edges.Count; i++)
        {
            v.Range($"conditions.rfm.{name}[{i}]", edges[i], lowest, highest);
            if (i > 0 && edges[i] <= edges[i - 1])
            {
                v.Add($"conditions.rfm.{name}[{i}]", $"must be above the edge before it ({edges[i - 1]})");
            }
        }
    }

    private static void Scores(RequestValidator v, string name, int min, int max)
    {
        if (min != 0)
        {
            v.Range($"conditions.rfm.min_{name}", min, 1, 5);
        }
        if (max != 0)
        {
            v.Range($"conditions.rfm.max_{name}", max, 1, 5);
            if (min != 0 && max < min)
            {
                v.Add($"conditions.rfm.max_{name}", $"must not be below min_{name} ({min})");
            }
        }
    }

    private static void Bounds(RequestValidator v, string name, long? min, long? max, long lowest, long highest)
    {
        if (min is { } low)
        {
            v.Range($"conditions.min_{name}", low, lowest, highest);
        }
        if (max is { } high)
        {
            v.Range($"conditions.max_{name}", high, lowest, highest);
            if (min is { } l && high < l)
            {
                v.Add($"conditions.max_{name}", $"must not be below min_{name} ({l})");
            }
        }
    }
}
