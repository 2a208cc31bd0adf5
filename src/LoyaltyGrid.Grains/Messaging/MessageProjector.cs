using System.Text.Json;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Messaging;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using LoyaltyGrid.Storage.Messaging;

namespace LoyaltyGrid.Grains.Messaging;

/// <summary>
/// Gathers one step of the messages projection into a <see cref="MessageBatch"/>: journal events in feed order (member
/// events decide messages and move the tracked balance, profile events the consents and time zone, program events the
/// program-wide ones), held messages now due, and expiry checks. Every decided message goes through
/// <see cref="MessageGate"/> and is counted by outcome. Holds no I/O: the caller loads the recipients and policies
/// before and stores the batch after.
/// </summary>
public sealed class MessageProjector(
    IReadOnlyDictionary<(string ProgramId, string MemberId), MessageRecipientRow> stored,
    Func<string, MessagingPolicy> policyOf,
    DateTimeOffset now)
{
    private readonly Dictionary<(string, string), MessageRecipient> recipients = [];
    private readonly HashSet<(string, string)> changed = [];
    private readonly List<OutboxMessage> outbox = [];
    private readonly List<HeldMessage> hold = [];
    private readonly List<long> released = [];
    private readonly Dictionary<(string, int, int), long> counts = [];

    /// <summary>The members and programs whose events are among <paramref name="events"/> (what to load before projecting them).</summary>
    public static IReadOnlySet<(string ProgramId, string MemberId)> MembersOf(IEnumerable<JournalEvent> events)
    {
        var keys = new HashSet<(string, string)>();
        foreach (var e in events)
        {
            if (MemberOf(e.StreamId) is { } key)
            {
                keys.Add(key);
            }
            else if (e.StreamId.StartsWith(OfferPrefix, StringComparison.Ordinal)
                && OfferEventCodec.Instance.Decode(e.Payload) is Domain.Offers.OfferCreated created)
            {
                // An offer to named members messages each of them.
                var programId = OfferKey.Parse(e.StreamId[OfferPrefix.Length..]).ProgramId;
                keys.UnionWith(created.Offer.MemberIds.Select(memberId => (programId, memberId)));
            }
        }
        return keys;
    }

    public static IReadOnlySet<string> ProgramsOf(IEnumerable<JournalEvent> events) =>
        MembersOf(events).Select(k => k.ProgramId)
            .Concat(events.Where(e => e.StreamId.StartsWith(ProgramPrefix, StringComparison.Ordinal)).Select(e => e.StreamId[ProgramPrefix.Length..]))
            .Concat(events.Where(e => e.StreamId.StartsWith(OfferPrefix, StringComparison.Ordinal))
                .Select(e => OfferKey.Parse(e.StreamId[OfferPrefix.Length..]).ProgramId))
            .ToHashSet(StringComparer.Ordinal);

    public void Add(JournalEvent journaled)
    {
        if (MemberKey.FromStream(journaled.StreamId) is { } memberKey)
        {
            var (programId, memberId) = MemberKey.Parse(memberKey);
            var policy = policyOf(programId);
            var e = journaled.MemberEvent();
            var (drafts, next) = MessageRules.Decide(Recipient(programId, memberId), e, $"{journaled.StreamId}:{journaled.Sequence}", policy);
            if (policy.ExpiryWarningDays > 0 && next.ExpiryCheckAt is null && e.BalanceAfter.Available + e.BalanceAfter.Pending > 0)
            {
                next = next with { ExpiryCheckAt = now };
            }
            Set(next);
            foreach (var draft in drafts)
            {
                Decide(draft, policy, held: false);
            }
        }
        else if (journaled.StreamId.StartsWith(ProfilePrefix, StringComparison.Ordinal))
        {
            var (programId, memberId) = MemberKey.Parse(journaled.StreamId[ProfilePrefix.Length..]);
            Set(MessageRules.Apply(Recipient(programId, memberId), ProfileEventCodec.Instance.Decode(journaled.Payload)));
        }
        else if (journaled.StreamId.StartsWith(OfferPrefix, StringComparison.Ordinal))
        {
            var programId = OfferKey.Parse(journaled.StreamId[OfferPrefix.Length..]).ProgramId;
            var policy = policyOf(programId);
            foreach (var draft in MessageRules.Decide(programId, OfferEventCodec.Instance.Decode(journaled.Payload), $"{journaled.StreamId}:{journaled.Sequence}"))
            {
                Decide(draft, policy, held: false);
            }
        }
        else if (journaled.StreamId.StartsWith(ProgramPrefix, StringComparison.Ordinal))
        {
            var programId = journaled.StreamId[ProgramPrefix.Length..];
            if (MessageRules.Decide(programId, JsonEventCodec<ProgramEvent>.Instance.Decode(journaled.Payload),
                $"{journaled.StreamId}:{journaled.Sequence}") is { } draft)
            {
                Decide(draft, policyOf(programId), held: false);
            }
        }
    }

    /// <summary>A held message whose quiet hours are over: decided again now (consent, quiet hours, caps), and released from the hold whatever the outcome.</summary>
    public void Release(HeldMessage message)
    {
        released.Add(message.Id);
        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(message.Data) ?? [];
        Decide(new MessageDraft(message.ProgramId, message.MemberId, (MessageKind)message.Kind, message.SourceKey, message.OccurredAt, data),
            policyOf(message.ProgramId), held: true);
    }

    /// <summary>A member's expiry check, with its points now and what its account says expires within the next 30 days.</summary>
    public void ExpiryChecked(string programId, string memberId, long points, IReadOnlyList<ExpiringPoints> expiring)
    {
        var recipient = Recipient(programId, memberId);
        var policy = policyOf(programId);
        var (warning, nextCheck) = MessageRules.ExpiryCheck(recipient, expiring, points, policy, now);
        Set(recipient with { ExpiryCheckAt = nextCheck });
        if (warning is not null)
        {
            Decide(warning, policy, held: false);
        }
    }

    public MessageBatch Build(long fromVersion, JournalPosition to, long events) => new(fromVersion, to, events)
    {
        Recipients = [.. changed.Select(k => Row(recipients[k]))],
        Outbox = outbox,
        Hold = hold,
        Released = released,
        Counts = [.. counts.Select(c => new MessageCountChange(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value))],
    };

    private void Decide(MessageDraft draft, MessagingPolicy policy, bool held)
    {
        MessageVerdict verdict;
        if (draft.IsProgramWide)
        {
            verdict = !held && now - draft.OccurredAt > MessageGate.StaleAfter
                ? new MessageVerdict(MessageOutcome.DroppedStale, [], null, null)
                : new MessageVerdict(MessageOutcome.Delivered, [], null, null);
        }
        else
        {
            verdict = MessageGate.Decide(draft, Recipient(draft.ProgramId, draft.MemberId), policy, now, held);
            Set(verdict.Recipient!);
        }
        var key = (draft.ProgramId, (int)draft.Kind, (int)verdict.Outcome);
        counts[key] = counts.GetValueOrDefault(key) + 1;
        // Only a message that is sent or held keeps its data; most are suppressed (no consent) and counted only.
        switch (verdict.Outcome)
        {
            case MessageOutcome.Delivered:
                outbox.Add(new OutboxMessage(draft.ProgramId, 0, draft.MemberId, (int)draft.Kind,
                    verdict.Channels.Aggregate(0, (set, c) => MessageChannels.With(set, c, true)), DataJson(draft.Data), draft.OccurredAt, now, draft.SourceKey));
                break;
            case MessageOutcome.Held:
                hold.Add(new HeldMessage(0, draft.ProgramId, draft.MemberId, (int)draft.Kind, draft.SourceKey, draft.OccurredAt, DataJson(draft.Data),
                    verdict.HoldUntil!.Value));
                break;
        }
    }

    /// <summary>The message's data as a JSON object with its keys in ordinal order (what JsonSerializer writes of a sorted dictionary).</summary>
    private static string DataJson(IReadOnlyDictionary<string, string> data)
    {
        var keys = new string[data.Count];
        var i = 0;
        foreach (var key in data.Keys)
        {
            keys[i++] = key;
        }
        Array.Sort(keys, StringComparer.Ordinal);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var key in keys)
            {
                writer.WriteString(key, data[key]);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private MessageRecipient Recipient(string programId, string memberId)
    {
        var key = (programId, memberId);
        if (!recipients.TryGetValue(key, out var recipient))
        {
            recipient = stored.TryGetValue(key, out var row) ? FromRow(row) : new MessageRecipient(programId, memberId);
            recipients[key] = recipient;
        }
        return recipient;
    }

    private void Set(MessageRecipient recipient)
    {
        var key = (recipient.ProgramId, recipient.MemberId);
        if (!recipients.TryGetValue(key, out var before) || before != recipient)
        {
            recipients[key] = recipient;
            changed.Add(key);
        }
    }

    private static (string, string)? MemberOf(string streamId)
    {
        if (MemberKey.FromStream(streamId) is { } memberKey)
        {
            return MemberKey.Parse(memberKey);
        }
        return streamId.StartsWith(ProfilePrefix, StringComparison.Ordinal) ? MemberKey.Parse(streamId[ProfilePrefix.Length..]) : null;
    }

    private static MessageRecipient FromRow(MessageRecipientRow row) => new(row.ProgramId, row.MemberId)
    {
        Consented = row.Consented,
        Reachable = row.Reachable,
        TimeZone = row.TimeZone,
        CapDay = row.CapDay is { } day ? DateOnly.FromDayNumber(day) : null,
        DayCount = row.DayCount,
        CapWeek = row.CapWeek is { } week ? DateOnly.FromDayNumber(week) : null,
        WeekCount = row.WeekCount,
        ExpiryCheckAt = row.ExpiryCheckAt,
    };

    /// <summary>The row; its balance columns (read by no release since the balance came from the events) are written as 0.</summary>
    private static MessageRecipientRow Row(MessageRecipient r) => new(r.ProgramId, r.MemberId, r.Consented, r.Reachable, r.TimeZone,
        0, 0, 0, r.CapDay?.DayNumber, r.DayCount, r.CapWeek?.DayNumber, r.WeekCount, r.ExpiryCheckAt);

    private const string ProfilePrefix = "profile/";

    private const string ProgramPrefix = "program/";

    /// <summary>An offer's own stream (<see cref="OfferKey.StreamOf"/>), not a member's responses nor the program's list.</summary>
    private const string OfferPrefix = "offer/";
}
