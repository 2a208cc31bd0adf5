using LoyaltyGrid.Domain.CustomerFeedback;
using LoyaltyGrid.Domain.Messaging;
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
        long? daysSince = state.LastKeptPurchaseAt is { } last ? (long)Math.Floor((at - last) / Day) : null;
        if (c.MinDaysSinceLastPurchase is not null || c.MaxDaysSinceLastPurchase is not null)
        {
            if (daysSince is { } days)
            {
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
        foreach (var channel in c.ConsentedChannels)
        {
            if (!MessageChannels.Has(state.MarketingConsents, channel))
            {
                return false;
            }
        }
        if (c.NpsCategories.Count > 0 && !c.NpsCategories.Contains(Category(state.LatestNps)))
        {
            return false;
        }
        if (c.ReadsMerchants && !MeetsMerchants(state, c, at))
        {
            return false;
        }
        if (c.Rfm is { } rfm && !rfm.Holds(rfm.Recency(daysSince), rfm.Frequency(count), rfm.Monetary(spend)))
        {
            return false;
        }
        return !c.ReadsWindow
            || !(count < c.MinPurchases || count > c.MaxPurchases || spend < c.MinSpendMinor || spend > c.MaxSpendMinor);
    }

    /// <summary>The NPS category of a member's latest answer.</summary>
    public static NpsCategory Category(NpsAnswer? answer) => answer switch
    {
        null => NpsCategory.NotAnswered,
        { Score: var score } when FeedbackRules.IsPromoter(score) => NpsCategory.Promoter,
        { Score: var score } when FeedbackRules.IsDetractor(score) => NpsCategory.Detractor,
        _ => NpsCategory.Passive,
    };

    /// <summary>The merchant conditions over the visits in the window (or ever, with no window) up to <paramref name="at"/>.</summary>
    private static bool MeetsMerchants(MemberState state, SegmentConditions c, DateTimeOffset at)
    {
        var from = c.WindowDays > 0 ? at - TimeSpan.FromDays(c.WindowDays) : DateTimeOffset.MinValue;
        var (visited, listed) = (0, c.VisitedMerchantIds.Count == 0);
        foreach (var (merchantId, visitedAt) in state.MerchantVisits)
        {
            if (visitedAt > from && visitedAt <= at)
            {
                visited++;
                listed = listed || c.VisitedMerchantIds.Contains(merchantId);
            }
        }
        return listed && !(visited < c.MinMerchantsVisited);
    }

    /// <summary>
    /// The first time after <paramref name="now"/> when the member's meeting <paramref name="conditions"/> changes if
    /// nothing else happens: time alone moves only the days since the last purchase and the purchase window, so it is
    /// one of their edges. Null: it never changes by itself. The window slides over the kept purchases (oldest first)
    /// once, so this costs one pass over them, not one per edge; with <paramref name="before"/> (after now) it stops
    /// there and answers null for a first change at or after it.
    /// </summary>
    public static DateTimeOffset? FlipsAt(MemberState state, SegmentConditions conditions, DateTimeOffset now, DateTimeOffset? before = null)
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
        if (state.LastKeptPurchaseAt is { } latest && conditions.Rfm is { } rfm)
        {
            foreach (var days in rfm.RecencyDays)
            {
                edges.Add(latest + (days + 1) * Day);
            }
        }
        var window = TimeSpan.FromDays(conditions.WindowDays);
        if (conditions.ReadsMerchants)
        {
            foreach (var visitedAt in state.MerchantVisits.Values)
            {
                // A visit counts from when it happened (an uploaded one may be later than now) and, with a window, until it leaves it.
                edges.Add(visitedAt);
                if (conditions.WindowDays > 0)
                {
                    edges.Add(visitedAt + window);
                }
            }
        }
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
            if (meetsNow is not null && edge >= before)
            {
                return null;
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
        if (state.SegmentsSettled is { } settled && settled.Version == state.Version && settled.RulesVersion == rules.Version
            && (state.SegmentsReviewAt is not { } review || now < review))
        {
            return null;
        }
        var entered = new List<string>();
        foreach (var segment in rules.Segments)
        {
            if (Meets(state, segment.Conditions, now) && !state.Segments.Contains(segment.SegmentId))
            {
                entered.Add(segment.SegmentId);
            }
        }
        var left = state.Segments
            .Where(id => rules.Segment(id) is not { } segment || !Meets(state, segment.Conditions, now))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var kept = state.SegmentsReviewAt;
        // With nothing else to write, all that matters is whether a flip comes before the review time kept: look no further.
        DateTimeOffset? before = entered.Count == 0 && left.Length == 0 && kept > now ? kept : null;
        DateTimeOffset? reviewAt = null;
        foreach (var segment in rules.Segments)
        {
            if (FlipsAt(state, segment.Conditions, now, before) is { } flips && (reviewAt is null || flips < reviewAt))
            {
                reviewAt = flips;
            }
        }
        var reviewDue = kept is { } k ? k <= now || reviewAt < k : reviewAt is not null;
        if (entered.Count == 0 && left.Length == 0 && !reviewDue)
        {
            state.SegmentsSettled = (state.Version, rules.Version);
            return null;
        }
        return new SegmentsChanged(entered, left, reviewAt) { OccurredAt = now, RecordedAt = now };
    }

    /// <summary>The channels with marketing consent as the profile tells them now; null when the member has them already.</summary>
    public static MarketingConsentsChanged? Consents(MemberState state, int channels, DateTimeOffset now) =>
        state.MarketingConsents == channels ? null : new MarketingConsentsChanged(channels) { OccurredAt = now, RecordedAt = now };

    /// <summary>
    /// An NPS answer the member's feedback tells (again on a retry): null when it is the answer kept already or older than
    /// it, so the latest answer counts however often or late each is told.
    /// </summary>
    public static NpsAnswered? Nps(MemberState state, string feedbackId, int score, DateTimeOffset answeredAt, DateTimeOffset now)
    {
        if (score is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "an NPS score is 0-10");
        }
        if (state.LatestNps is { } latest && (latest.FeedbackId == feedbackId || latest.AnsweredAt > answeredAt))
        {
            return null;
        }
        return new NpsAnswered(feedbackId, score) { OccurredAt = answeredAt, RecordedAt = now };
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
