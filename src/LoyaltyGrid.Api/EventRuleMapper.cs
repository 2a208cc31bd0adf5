using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using Core = LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Api;

/// <summary>Event rules and engagement bonuses between events.proto and the domain.</summary>
public static class EventRuleMapper
{
    public static Core.EventRule ToDomain(this EventRule r, RequestValidator v) => new(
        r.EventType,
        r.Name,
        r.Points,
        (Core.EventCapPeriod)(int)r.CapPeriod,
        r.Cap,
        ProgramRulesMapper.OptionalTime(v, r.StartsAt, "event_rule.starts_at"),
        ProgramRulesMapper.OptionalTime(v, r.EndsAt, "event_rule.ends_at"),
        [.. r.TierIds])
    {
        SegmentIds = [.. r.SegmentIds],
    };

    public static EventRule ToProto(this Core.EventRule r) => new()
    {
        EventType = r.EventType,
        Name = r.Name,
        Points = r.Points,
        CapPeriod = (EventCapPeriod)(int)r.Period,
        Cap = r.Period == Core.EventCapPeriod.Once ? 1 : r.Cap,
        StartsAt = r.StartsAt is { } starts ? Timestamp.FromDateTimeOffset(starts) : null,
        EndsAt = r.EndsAt is { } ends ? Timestamp.FromDateTimeOffset(ends) : null,
        TierIds = { r.TierIds },
        EndedAt = r.EndedAt is { } ended ? Timestamp.FromDateTimeOffset(ended) : null,
        SegmentIds = { r.SegmentIds },
    };

    public static Core.EngagementBonuses ToDomain(this EngagementBonuses b) => new(b.EnrolmentBonusPoints, b.ConsentBonusPoints);

    public static EngagementBonuses ToProto(this Core.EngagementBonuses b) => new()
    {
        EnrolmentBonusPoints = b.EnrolmentPoints,
        ConsentBonusPoints = b.ConsentPoints,
    };
}
