using Google.Protobuf;
using LoyaltyGrid.Domain.Rewards;
using P = LoyaltyGrid.Storage.Formats.V1;

namespace LoyaltyGrid.Storage.Formats;

/// <summary>
/// A reward's snapshot body: rewards_events.proto <c>RewardSnapshot</c>, mapped field by field. A popular reward's
/// stream has an event for every redemption, so without it an activation would replay all of them. The state is
/// bounded (open codes, members holding units, remembered requests); collections are written in ordinal key order.
/// </summary>
/// <param name="create">A new, empty state as the host configures it (its request retention), to restore into.</param>
public sealed class RewardSnapshotCodec(Func<RewardState> create) : ISnapshotCodec<RewardState>
{
    /// <summary>1: the first snapshot of a reward (before it, reward streams were replayed whole).</summary>
    public ushort Version => 1;

    public Func<byte[]> Capture(RewardState state)
    {
        var message = ToProto(state);
        return message.ToByteArray;
    }

    public RewardState Decode(ReadOnlySpan<byte> body) => FromProto(P.RewardSnapshot.Parser.ParseFrom(body), create());

    public static P.RewardSnapshot ToProto(RewardState s)
    {
        var m = new P.RewardSnapshot
        {
            Version = s.Version,
            CreatedAt = UnixTicks.From(s.CreatedAt),
            UpdatedAt = UnixTicks.From(s.UpdatedAt),
            Taken = s.Taken,
        };
        if (s.Reward is { } reward)
        {
            m.Reward = RewardEventCodec.ToProto(reward, "");
        }
        if (s.SweptAt is { } swept)
        {
            m.SweptAt = UnixTicks.From(swept);
        }
        foreach (var r in s.Redemptions.Values.OrderBy(r => r.Code, StringComparer.Ordinal))
        {
            var stored = new P.StoredRewardRedemption
            {
                Code = r.Code,
                RewardId = r.RewardId,
                MemberId = r.MemberId,
                Points = r.Points,
                Status = (int)r.Status,
                RedeemedAt = UnixTicks.From(r.RedeemedAt),
                ExpiresAt = UnixTicks.From(r.ExpiresAt),
                AvailableAfter = r.AvailableAfter,
                Refunded = r.Refunded,
            };
            if (r.CancelledAt is { } cancelled) { stored.CancelledAt = UnixTicks.From(cancelled); }
            if (r.RequestKey is { } key) { stored.RequestKey = key; }
            m.Redemptions.Add(stored);
        }
        foreach (var (memberId, units) in s.TakenByMember.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            m.Holdings.Add(new P.StoredRewardHolding { MemberId = memberId, Units = units });
        }
        foreach (var (key, request) in s.Requests.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var stored = new P.StoredRewardRequest { Key = key, Fingerprint = request.Fingerprint, RecordedAt = UnixTicks.From(request.RecordedAt) };
            if (request.Defined is { } defined) { stored.Defined = RewardEventCodec.ToProto(defined, ""); }
            if (request.Code is { } code) { stored.Code = code; }
            m.Requests.Add(stored);
        }
        return m;
    }

    public static RewardState FromProto(P.RewardSnapshot m, RewardState into)
    {
        into.Restore(
            m.Version,
            m.Reward is null ? null : RewardEventCodec.FromProto(m.Reward),
            UnixTicks.To(m.CreatedAt),
            UnixTicks.To(m.UpdatedAt),
            m.Taken,
            m.HasSweptAt ? UnixTicks.To(m.SweptAt) : null,
            m.Redemptions.Select(r => new RewardRedemption(r.Code, r.RewardId, r.MemberId, r.Points, Status(r.Status),
                UnixTicks.To(r.RedeemedAt), UnixTicks.To(r.ExpiresAt))
            {
                AvailableAfter = r.AvailableAfter,
                Refunded = r.Refunded,
                CancelledAt = r.HasCancelledAt ? UnixTicks.To(r.CancelledAt) : null,
                RequestKey = r.HasRequestKey ? r.RequestKey : null,
            }),
            m.Holdings.Select(h => KeyValuePair.Create(h.MemberId, h.Units)),
            m.Requests.Select(r => KeyValuePair.Create(r.Key, new RewardRequest(r.Fingerprint, UnixTicks.To(r.RecordedAt),
                r.Defined is null ? null : RewardEventCodec.FromProto(r.Defined), r.HasCode ? r.Code : null))));
        return into;
    }

    private static RedemptionStatus Status(int stored) =>
        Enum.IsDefined((RedemptionStatus)stored) ? (RedemptionStatus)stored
            : throw new InvalidDataException($"Redemption status {stored} is unknown to this release.");
}
