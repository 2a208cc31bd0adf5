namespace LoyaltyGrid.Domain.Rewards;

/// <summary>
/// What a reward's next decision reads: its definition, how many units are taken (reserved or issued, not cancelled),
/// how many each member holds, the redemptions whose code can still be cancelled or retried (an issued code is
/// forgotten once it has expired and the request retention has passed; the stream keeps it), and the requests
/// remembered for their retention. So it is bounded by the codes open, the stock, and the members who redeemed it.
/// </summary>
public sealed class RewardState : IAppliesEvents<RewardEvent>
{
    /// <summary>Characters after the reward id and '.' in a code: 10 of Crockford's base 32, 50 random bits.</summary>
    public const int CodeSuffixLength = 10;

    private static readonly TimeSpan SweepEvery = TimeSpan.FromHours(1);

    private DateTimeOffset? sweptAt;

    public Reward? Reward { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public long Version { get; private set; }

    /// <summary>Units reserved or issued; never above the stock.</summary>
    public long Taken { get; private set; }

    public long StockLeft => Reward is null ? 0 : Math.Max(0, Reward.Stock - Taken);

    /// <summary>Redemptions reserved whose debit's outcome is not known yet (issued or given back once it is).</summary>
    public int ReservedCount { get; private set; }

    /// <summary>The redemptions still <see cref="RedemptionStatus.Reserved"/>; none without a walk when there are none.</summary>
    public IReadOnlyList<RewardRedemption> Reserved() =>
        ReservedCount == 0 ? [] : [.. Redemptions.Values.Where(r => r.Status == RedemptionStatus.Reserved)];

    public Dictionary<string, RewardRedemption> Redemptions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> TakenByMember { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, RewardRequest> Requests { get; } = new(StringComparer.Ordinal);

    /// <summary>How long request ids are remembered; set by the host from configuration.</summary>
    public TimeSpan RequestRetention { get; set; } = TimeSpan.FromDays(7) + Limits.MaxClockSkew;

    public int TakenBy(string memberId) => TakenByMember.GetValueOrDefault(memberId);

    /// <summary>Admin requests ("/" first) and members' requests ("{member_id}/") cannot meet: ids hold no '/'.</summary>
    public static string RequestKey(string? memberId, string requestId) => $"{memberId}/{requestId}";

    public RewardRequest? Remembered(string key, DateTimeOffset now) =>
        Requests.TryGetValue(key, out var done) && done.RecordedAt >= now - RequestRetention ? done : null;

    /// <summary>
    /// Takes what a snapshot holds (the stored format's RewardSnapshotCodec); the events after it are then applied as
    /// usual. Only for a state that has applied nothing yet.
    /// </summary>
    public void Restore(long version, Reward? reward, DateTimeOffset createdAt, DateTimeOffset updatedAt, long taken, DateTimeOffset? swept,
        IEnumerable<RewardRedemption> redemptions, IEnumerable<KeyValuePair<string, int>> holdings, IEnumerable<KeyValuePair<string, RewardRequest>> requests)
    {
        if (Version != 0)
        {
            throw new InvalidOperationException($"A snapshot restored into a reward state at version {Version}.");
        }
        (Version, Reward, CreatedAt, UpdatedAt, Taken, sweptAt) = (version, reward, createdAt, updatedAt, taken, swept);
        foreach (var r in redemptions)
        {
            Redemptions[r.Code] = r;
            ReservedCount += r.Status == RedemptionStatus.Reserved ? 1 : 0;
        }
        foreach (var (memberId, units) in holdings)
        {
            TakenByMember[memberId] = units;
        }
        foreach (var (key, request) in requests)
        {
            Requests[key] = request;
        }
    }

    /// <summary>When requests and closed codes were last swept (kept by a snapshot).</summary>
    public DateTimeOffset? SweptAt => sweptAt;

    public RewardView View(string? memberId) =>
        new(Reward!, StockLeft, memberId is null ? 0 : TakenBy(memberId), CreatedAt, UpdatedAt);

    public void Apply(RewardEvent e, long sequence)
    {
        if (sequence != Version + 1)
        {
            throw new InvalidOperationException($"Reward event {sequence} applied after {Version}: the stream has a gap.");
        }
        string? code = null;
        switch (e)
        {
            case RewardDefined defined:
                if (Reward is null)
                {
                    CreatedAt = e.At;
                }
                Reward = defined.Reward;
                UpdatedAt = e.At;
                break;
            case RewardReserved reserved:
                code = reserved.Code;
                Redemptions[reserved.Code] = new RewardRedemption(reserved.Code, Reward!.RewardId, reserved.MemberId, reserved.Points,
                    RedemptionStatus.Reserved, e.At, reserved.ExpiresAt) { RequestKey = e.RequestId };
                Take(reserved.MemberId, +1);
                ReservedCount++;
                break;
            case RewardIssued issued:
                code = issued.Code;
                ReservedCount -= Redemptions[issued.Code].Status == RedemptionStatus.Reserved ? 1 : 0;
                Redemptions[issued.Code] = Redemptions[issued.Code] with { Status = RedemptionStatus.Issued, AvailableAfter = issued.AvailableAfter };
                break;
            case RewardReservationReleased released:
                                var refused = Redemptions[released.Code];
                Take(refused.MemberId, -1);
                ReservedCount -= refused.Status == RedemptionStatus.Reserved ? 1 : 0;
                Redemptions.Remove(released.Code);
                // Refusals are not remembered (they change nothing): a retry is decided again.
                if (refused.RequestKey is { } refusedKey)
                {
                    Requests.Remove(refusedKey);
                }
                break;
            case RewardRedemptionCancelled cancelled:
                code = cancelled.Code;
                var redemption = Redemptions[cancelled.Code];
                Redemptions[cancelled.Code] = redemption with { Status = RedemptionStatus.Cancelled, CancelledAt = e.At };
                Take(redemption.MemberId, -1);
                break;
            case RewardRefunded refunded:
                code = refunded.Code;
                Redemptions[refunded.Code] = Redemptions[refunded.Code] with { Refunded = true, AvailableAfter = refunded.AvailableAfter };
                break;
        }
        if (e.RequestId is { } key && e.Fingerprint is { } fingerprint)
        {
            Requests[key] = new RewardRequest(fingerprint, e.At, (e as RewardDefined)?.Reward, code);
        }
        Version = sequence;
        Sweep(e.At);
    }

    private void Take(string memberId, int units)
    {
        Taken += units;
        var held = TakenBy(memberId) + units;
        if (held > 0)
        {
            TakenByMember[memberId] = held;
        }
        else
        {
            TakenByMember.Remove(memberId);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        if (sweptAt is { } swept && now - swept < SweepEvery)
        {
            return;
        }
        sweptAt = now;
        foreach (var (key, record) in Requests)
        {
            if (record.RecordedAt < now - RequestRetention)
            {
                Requests.Remove(key);
            }
        }
        foreach (var (code, redemption) in Redemptions)
        {
            var done = redemption.Status switch
            {
                RedemptionStatus.Issued => redemption.ExpiresAt,
                RedemptionStatus.Cancelled when redemption.Refunded => redemption.CancelledAt!.Value,
                _ => (DateTimeOffset?)null,
            };
            if (done is { } at && at < now - RequestRetention)
            {
                Redemptions.Remove(code);
            }
        }
    }
}
