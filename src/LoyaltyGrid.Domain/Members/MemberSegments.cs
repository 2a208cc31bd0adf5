using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The rules of a member's segments: which of the program's segments a member is in, from its own state only, and when
/// that next changes with time alone. <see cref="MemberAccount.Due"/> asks after every change of the member and when
/// the member falls due, so membership follows the facts without a scan of the program's members. A segment defined
/// (or redefined) after a member enrolled takes the member in on its next request or wake-up.
/// </summary>
public static class MemberSegments
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>Whether the member meets <paramref name="conditions"/> at <paramref name="at"/>, its state as it is.</summary>
    public static bool Meets(MemberState state, SegmentConditions conditions, DateTimeOffset at)
    {
        var (count, spend) = (0, 0L);
        if (conditions.ReadsWindow)
        {
            var windowFrom = at - TimeSpan.FromDays(conditions.WindowDays);
            foreach (var fact in state.Facts)
            {
                if (fact.OccurredAt > windowFrom && fact.OccurredAt <= at)
                {
                    count++;
                    spend += fact.KeptQualifyingMinor;
                }
            }
        }
        return MeetsWith(state, conditions, at, count, spend);
    }

    /// <summary><see cref="Meets"/> with the purchase window's count and spend at <paramref name="at"/> given.</summary>
    private static bool MeetsWith(MemberState state, SegmentConditions c, DateTimeOffset at, int count, long spend)
    {
        if (state.Profile is not { } profile)
        {
            return false;
        }
        if (c.TierIds.Count > 0 && (state.Tier.TierId is not { } tier || !c.TierIds.Contains(tier)))
        {
            return false;
        }
        var points = state.Balance.Available;
        if (points < c.MinPoints || points > c.MaxPoints)
        {
            return false;
        }
        if (c.EnrolledFrom is { } from && profile.EnrolledAt < from || c.EnrolledBefore is { } before && profile.EnrolledAt >= before)
        {
            return false;
        }
        if (c.BirthdayMonths.Count > 0 && (state.Birthday is not { Known: true } birthday || !c.BirthdayMonths.Contains(birthday.Month)))
        {
            return false;
        }
        if (c.MinDaysSinceLastPurchase is not null || c.MaxDaysSinceLastPurchase is not null)
        {
            if (state.LastKeptPurchaseAt is { } last)
            {
                var days = (long)Math.Floor((at - last) / Day);
                if (days < c.MinDaysSinceLastPurchase || days > c.MaxDaysSinceLastPurchase)
                {
                    return false;
                }
            }
            else if (c.MaxDaysSinceLastPurchase is not null)
            {
                return false;
            }
        }
        return !c.ReadsWindow
            || !(count < c.MinPurchases || count > c.MaxPurchases || spend < c.MinSpendMinor || spend > c.MaxSpendMinor);
    }

    /// <summary>
    /// The first time after <paramref name="now"/> when the member's meeting <paramref name="conditions"/> changes if
    /// nothing else happens: time alone moves only the days since the last purchase and the purchase window, so it is
    /// one of their edges. Null: it never changes by itself. The window slides over the kept purchases (oldest first)
    /// once, so this costs one pass over them, not one per edge.
    /// </summary>
    public static DateTimeOffset? FlipsAt(MemberState state, SegmentConditions conditions, DateTimeOffset now)
    {
        var edges = new List<DateTimeOffset>();
        if (state.LastKeptPurchaseAt is { } last)
        {
            if (conditions.MinDaysSinceLastPurchase is { } min)
            {
                edges.Add(last + min * Day);
            }
            if (conditions.MaxDaysSinceLastPurchase is { } max)
            {
                edges.Add(last + (max + 1) * Day);
            }
        }
        var window = TimeSpan.FromDays(conditions.WindowDays);
        if (conditions.ReadsWindow)
        {
            foreach (var fact in state.Facts)
            {
                // A purchase leaves the window (at - window, at] at occurred_at + window; an uploaded one in the future enters at occurred_at.
                edges.Add(fact.OccurredAt + window);
                edges.Add(fact.OccurredAt);
            }
        }
        if (edges.Count == 0)
        {
            return null;
        }
        edges.Add(now);
        edges.Sort();
        var facts = state.Facts;
        var (entered, left, count, spend) = (0, 0, 0, 0L);
        bool? meetsNow = null;
        foreach (var edge in edges)
        {
            if (edge < now || meetsNow is not null && edge == now)
            {
                continue;
            }
            if (conditions.ReadsWindow)
            {
                for (; entered < facts.Count && facts[entered].OccurredAt <= edge; entered++)
                {
                    count++;
                    spend += facts[entered].KeptQualifyingMinor;
                }
                for (; left < entered && facts[left].OccurredAt <= edge - window; left++)
                {
                    count--;
                    spend -= facts[left].KeptQualifyingMinor;
                }
            }
            var meets = MeetsWith(state, conditions, edge, count, spend);
            if (meetsNow is null)
            {
                meetsNow = meets;
            }
            else if (meets != meetsNow)
            {
                return edge;
            }
        }
        return null;
    }

    /// <summary>
    /// What changed of the member's segments by <paramref name="now"/>: the segments it entered and left, and the next time
    /// to look again. Null when nothing did, so a member with nothing new writes nothing. A review time later than the
    /// one kept is written only with a change or once the kept one has passed: waking up early costs one look, not a
    /// write per purchase.
    /// </summary>
    public static SegmentsChanged? Due(MemberState state, ProgramRules rules, DateTimeOffset now)
    {
        if (state.Profile is null || rules.Segments.Count == 0 && state.Segments.Count == 0)
        {
            return null;
        }
        var entered = new List<string>();
        DateTimeOffset? reviewAt = null;
        foreach (var segment in rules.Segments)
        {
            if (Meets(state, segment.Conditions, now) && !state.Segments.Contains(segment.SegmentId))
            {
                entered.Add(segment.SegmentId);
            }
            if (FlipsAt(state, segment.Conditions, now) is { } flips && (reviewAt is null || flips < reviewAt))
            {
                reviewAt = flips;
            }
        }
        var left = state.Segments
            .Where(id => rules.Segment(id) is not { } segment || !Meets(state, segment.Conditions, now))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var kept = state.SegmentsReviewAt;
        var reviewDue = kept is { } k ? k <= now || reviewAt < k : reviewAt is not null;
        if (entered.Count == 0 && left.Length == 0 && !reviewDue)
        {
            return null;
        }
        return new SegmentsChanged(entered, left, reviewAt) { OccurredAt = now, RecordedAt = now };
    }

    /// <summary>Whether a promotion, reward, event rule or benefit for <paramref name="segmentIds"/> is the member's: empty is everyone's.</summary>
    public static bool InAny(MemberState state, IReadOnlyList<string> segmentIds)
    {
        if (segmentIds.Count == 0)
        {
            return true;
        }
        foreach (var id in segmentIds)
        {
            if (state.Segments.Contains(id))
            {
                return true;
            }
        }
        return false;
    }
}
