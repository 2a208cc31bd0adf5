namespace LoyaltyGrid.Domain.Programs;

/// <summary>Creates the program's rule for an event type, or replaces it whole (an ended rule starts again).</summary>
public sealed record UpsertEventRule(string RequestId, string ProgramId, string Actor, EventRule Rule) : IProgramCommand
{
    public const int MaxCap = 1_000;

    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("event_rule.event_type", Rule.EventType)
            .Text("event_rule.name", Rule.Name, Limits.MaxNameLength, required: true)
            .Range("event_rule.points", Rule.Points, 1, Limits.MaxBonusPoints);
        if (!Enum.IsDefined(Rule.Period))
        {
            v.Add("event_rule.cap_period", "is required: EVENT_CAP_PERIOD_ONCE, _DAY, _WEEK or _MONTH");
        }
        else if (Rule.Period == EventCapPeriod.Once)
        {
            if (Rule.Cap is not (0 or 1))
            {
                v.Add("event_rule.cap", $"must be 0 or 1 for a once-only rule (one award per member ever), got {Rule.Cap}");
            }
        }
        else
        {
            v.Range("event_rule.cap", Rule.Cap, 1, MaxCap);
        }
        if (Rule.StartsAt is { } starts && Rule.EndsAt is { } ends && ends <= starts)
        {
            v.Add("event_rule.ends_at", "must be after starts_at");
        }
        if (Rule.TierIds.Count > Limits.MaxScopeEntries)
        {
            v.Add("event_rule.tier_ids", $"at most {Limits.MaxScopeEntries} tiers");
        }
        for (var i = 0; i < Math.Min(Rule.TierIds.Count, Limits.MaxScopeEntries); i++)
        {
            v.Id($"event_rule.tier_ids[{i}]", Rule.TierIds[i]);
            if (Rule.TierIds.Take(i).Contains(Rule.TierIds[i], StringComparer.Ordinal))
            {
                v.Add($"event_rule.tier_ids[{i}]", $"'{Rule.TierIds[i]}' is already listed: name each tier once");
            }
        }
        ProgramRuleChecks.SegmentIds(v, "event_rule.segment_ids", Rule.SegmentIds);
        v.ThrowIfInvalid();
    }
}
