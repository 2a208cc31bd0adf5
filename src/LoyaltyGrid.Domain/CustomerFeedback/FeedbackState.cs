using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>
/// What a member's next feedback decision reads, and nothing more: the requests remembered for their retention, the
/// transactions answered whose purchase is still inside <see cref="FeedbackRules.Window"/> (older ones are refused by
/// age, so they are forgotten), and the times of the latest rewards (at most <see cref="FeedbackRules.MaxRewardsPerPeriod"/>),
/// for the reward's per-period limit. So a member with years of feedback costs what one with a month's does; the
/// feedback itself is in the stream and the insights projection.
/// </summary>
public sealed class FeedbackState : IAppliesEvents<FeedbackSubmitted>
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromHours(1);

    private readonly List<DateTimeOffset> rewards = [];
    private DateTimeOffset? sweptAt;

    public long Version { get; private set; }

    public Dictionary<string, RequestRecord> Requests { get; } = new(StringComparer.Ordinal);

    /// <summary>Transaction id → when its purchase happened, for transactions with feedback inside the window.</summary>
    public Dictionary<string, DateTimeOffset> Answered { get; } = new(StringComparer.Ordinal);

    /// <summary>When the latest rewarded feedbacks were recorded, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> Rewards => rewards;

    /// <summary>How long request ids are remembered; set by the host from configuration.</summary>
    public TimeSpan RequestRetention { get; set; } = TimeSpan.FromDays(7) + Limits.MaxClockSkew;

    public void Apply(FeedbackSubmitted e, long sequence)
    {
        if (sequence != Version + 1)
        {
            throw new InvalidOperationException($"Feedback event {sequence} applied after {Version}: the stream has a gap.");
        }
        if (e.TransactionId is { } transactionId)
        {
            Answered[transactionId] = e.PurchasedAt ?? e.RecordedAt;
        }
        if (e.Incentivised)
        {
            rewards.Add(e.RecordedAt);
            if (rewards.Count > FeedbackRules.MaxRewardsPerPeriod)
            {
                rewards.RemoveAt(0);
            }
        }
        if (e.RequestId is { } requestId && e.Fingerprint is { } fingerprint)
        {
            Requests[requestId] = new RequestRecord(fingerprint, e.RecordedAt, sequence);
        }
        Version = sequence;
        Sweep(e.RecordedAt);
    }

    public RequestRecord? Remembered(string requestId, DateTimeOffset now) =>
        Requests.TryGetValue(requestId, out var done) && done.RecordedAt >= now - RequestRetention ? done : null;

    /// <summary>Rewards recorded after <paramref name="since"/>.</summary>
    public int RewardsSince(DateTimeOffset since) => rewards.Count(at => at > since);

    private void Sweep(DateTimeOffset now)
    {
        if (sweptAt is { } swept && now - swept < SweepEvery)
        {
            return;
        }
        sweptAt = now;
        foreach (var (requestId, record) in Requests)
        {
            if (record.RecordedAt < now - RequestRetention)
            {
                Requests.Remove(requestId);
            }
        }
        foreach (var (transactionId, purchasedAt) in Answered)
        {
            if (purchasedAt < now - FeedbackRules.Window - Limits.MaxClockSkew)
            {
                Answered.Remove(transactionId);
            }
        }
    }
}
