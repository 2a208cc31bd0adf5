using System.Globalization;
using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Tests.Coalitions;

/// <summary>
/// Member events written by hand, with exactly the points and server times a settlement test needs, so that the
/// expected figures do not depend on how checkout computes points. Each member is one stream; <see cref="Events"/>
/// reads them back in journal order, as the event store does.
/// </summary>
public sealed class HandWrittenJournal
{
    private readonly SortedDictionary<string, List<MemberEvent>> streams = new(StringComparer.Ordinal);
    private int ids;

    public static string StreamOf(string memberId) => $"member/{CoalitionProgram.ProgramId}/{memberId}";

    /// <summary>Every event in journal order: by stream id, then sequence.</summary>
    public IReadOnlyList<JournaledMemberEvent> Events =>
        streams.SelectMany(s => s.Value.Select((e, i) => new JournaledMemberEvent(s.Key, i + 1, e))).ToArray();

    /// <summary>The journal as it stood at <paramref name="time"/>: only what had been recorded before it.</summary>
    public IReadOnlyList<JournaledMemberEvent> RecordedBefore(DateTimeOffset time) =>
        Events.Where(e => e.Event.RecordedAt < time).ToArray();

    /// <returns>The transaction id, for returns.</returns>
    public string Purchase(string memberId, string merchantId, long points, DateTimeOffset recordedAt, DateTimeOffset? occurredAt = null)
    {
        var transactionId = NextId("tx");
        Add(memberId, new PurchaseRecorded(transactionId, merchantId, "store-1", "till-1", "EUR",
            [new PurchaseLine("sku-1", "general", 1, points * 10)], points * 10, points, "base-rate")
        {
            OccurredAt = occurredAt ?? recordedAt,
            RecordedAt = recordedAt,
        });
        return transactionId;
    }

    /// <param name="atMerchantId">Where the goods came back; settlement credits the purchase's merchant whatever this is.</param>
    public void Return(string memberId, string transactionId, long points, DateTimeOffset recordedAt, string? atMerchantId = null,
        long writtenOff = 0, DateTimeOffset? occurredAt = null) =>
        Add(memberId, new ReturnRecorded(NextId("ret"), transactionId, [new ReturnLine("sku-1", 1)], 0, points, writtenOff,
            atMerchantId, atMerchantId is null ? null : "store-1", null)
        {
            OccurredAt = occurredAt ?? recordedAt,
            RecordedAt = recordedAt,
        });

    /// <returns>The hold id, for <see cref="Capture"/> and <see cref="Void"/>.</returns>
    public string Authorize(string memberId, string merchantId, long points, DateTimeOffset recordedAt)
    {
        var holdId = NextId("hold");
        Add(memberId, new RedemptionAuthorized(holdId, points, recordedAt.AddMinutes(15), merchantId, "store-1", "till-1")
        {
            OccurredAt = recordedAt,
            RecordedAt = recordedAt,
        });
        return holdId;
    }

    public void Capture(string memberId, string holdId, long points, DateTimeOffset recordedAt) =>
        Add(memberId, new RedemptionCaptured(holdId, points) { OccurredAt = recordedAt, RecordedAt = recordedAt });

    public void Void(string memberId, string holdId, long points, DateTimeOffset recordedAt) =>
        Add(memberId, new RedemptionReleased(holdId, points, HoldReleaseReason.Voided) { OccurredAt = recordedAt, RecordedAt = recordedAt });

    /// <summary>A hold authorized and captured at once, as a till does for a redemption.</summary>
    public void Redeem(string memberId, string merchantId, long points, DateTimeOffset recordedAt) =>
        Capture(memberId, Authorize(memberId, merchantId, points, recordedAt), points, recordedAt);

    public void Expire(string memberId, long points, DateTimeOffset recordedAt) =>
        Add(memberId, new PointsExpired(points, Programs.ExpiryKind.FifoLots, []) { OccurredAt = recordedAt, RecordedAt = recordedAt });

    public void Reinstate(string memberId, long points, DateTimeOffset recordedAt) =>
        Add(memberId, new PointsReinstated(points, [1], null, "admin@test", "goodwill") { OccurredAt = recordedAt, RecordedAt = recordedAt });

    public void Add(string memberId, MemberEvent e)
    {
        var stream = StreamOf(memberId);
        if (!streams.TryGetValue(stream, out var events))
        {
            streams[stream] = events = [];
        }
        events.Add(e);
    }

    private string NextId(string kind) => $"{kind}-{(++ids).ToString(CultureInfo.InvariantCulture)}";
}
