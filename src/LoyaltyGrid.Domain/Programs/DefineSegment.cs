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
        else if (c.WindowDays != 0)
        {
            v.Add("conditions.window_days", "is the window of the purchase and spend bounds: set one of them too, or leave it 0");
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
