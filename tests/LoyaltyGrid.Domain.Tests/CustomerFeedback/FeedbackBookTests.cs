using LoyaltyGrid.Domain.CustomerFeedback;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.CustomerFeedback;

/// <summary>Deciding a feedback: validation, one per transaction, retries, the purchase's window, and the reward.</summary>
public sealed class FeedbackBookTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(365);
    private static readonly FeedbackReward Reward = new(50, 2, TimeSpan.FromDays(30));

    private static SubmitFeedback Feedback(string requestId = "req-1", string? transactionId = "tx-1", int? nps = 9, int? csat = null,
        string? comment = null) =>
        new(requestId, "prog-1", "ann", transactionId, "merchant-1", "store-1", "till-1", nps, csat, comment, FeedbackChannel.Pos);

    private static FeedbackSubmitted Submit(FeedbackState state, SubmitFeedback command, DateTimeOffset now, FeedbackReward? reward = null)
    {
        Assert.Null(FeedbackBook.Prepare(state, command, now));
        var e = FeedbackBook.Decide(state, command, command.TransactionId is null ? null : now.AddDays(-1), Horizon, reward, now).NewEvent!;
        state.Apply(e, state.Version + 1);
        return e;
    }

    private static Refusal Refused(Action act) => Refusal.Of(Assert.Throws<LoyaltyException>(act).Error);

    [Fact]
    public void Bad_fields_are_each_a_violation()
    {
        Assert.Equal(Refusal.Invalid("nps"), Refused(() => Feedback(nps: null, csat: null).Validate()));
        Assert.Equal(Refusal.Invalid("nps", "csat"), Refused(() => Feedback(nps: 11, csat: 0).Validate()));
        Assert.Equal(Refusal.Invalid("comment"), Refused(() => Feedback(comment: new string('x', 1001)).Validate()));
        Assert.Equal(Refusal.Invalid("transaction_id", "channel"),
            Refused(() => (Feedback(transactionId: "tx 1") with { Channel = 0 }).Validate()));
        Feedback(nps: 0, csat: 5, comment: new string('x', 1000)).Validate();
    }

    [Fact]
    public void A_transaction_takes_one_feedback_and_a_retry_of_the_same_request_is_a_replay()
    {
        var state = new FeedbackState();
        Submit(state, Feedback(), Now);

        Assert.Equal(new FeedbackDecision(null, 1), FeedbackBook.Prepare(state, Feedback(), Now.AddMinutes(1)));
        Assert.Equal(Refusal.AlreadyExists("FEEDBACK_ALREADY_GIVEN"), Refused(() => FeedbackBook.Prepare(state, Feedback("req-2"), Now)));
        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"), Refused(() => FeedbackBook.Prepare(state, Feedback(nps: 3), Now)));
        // Feedback without a transaction is not limited.
        Submit(state, Feedback("req-3", transactionId: null), Now);
        Submit(state, Feedback("req-4", transactionId: null), Now);
        Assert.Equal(3, state.Version);
    }

    [Fact]
    public void An_unknown_transaction_is_not_found_and_one_older_than_the_window_is_refused()
    {
        var state = new FeedbackState();
        var old = $"tx_{Guid.CreateVersion7(Now.AddDays(-120)):N}";

        Assert.Equal(Refusal.NotFound("TRANSACTION_NOT_FOUND"),
            Refused(() => FeedbackBook.Decide(state, Feedback(), null, Horizon, null, Now)));
        Assert.Equal(Refusal.Precondition("FEEDBACK_WINDOW_CLOSED"),
            Refused(() => FeedbackBook.Decide(state, Feedback(transactionId: old), null, Horizon, null, Now)));
        Assert.Equal(Refusal.Precondition("FEEDBACK_WINDOW_CLOSED"),
            Refused(() => FeedbackBook.Decide(state, Feedback(), Now.AddDays(-91), Horizon, null, Now)));
        // A program that closes purchases after 30 days takes feedback on them for 30 days.
        Assert.Equal(Refusal.Precondition("FEEDBACK_WINDOW_CLOSED"),
            Refused(() => FeedbackBook.Decide(state, Feedback(), Now.AddDays(-31), TimeSpan.FromDays(30), null, Now)));
        Assert.NotNull(FeedbackBook.Decide(state, Feedback(), Now.AddDays(-89), Horizon, null, Now).NewEvent);
    }

    [Fact]
    public void The_reward_is_the_same_for_any_score_and_stops_at_the_limit_per_period()
    {
        var state = new FeedbackState();

        var detractor = Submit(state, Feedback("req-1", "tx-1", nps: 0), Now, Reward);
        var promoter = Submit(state, Feedback("req-2", "tx-2", nps: 10), Now.AddDays(1), Reward);
        var third = Submit(state, Feedback("req-3", "tx-3", nps: 10), Now.AddDays(2), Reward);
        var later = Submit(state, Feedback("req-4", "tx-4", csat: 1, nps: null), Now.AddDays(31), Reward);

        Assert.Equal([50L, 50L, 0L, 50L], new[] { detractor, promoter, third, later }.Select(e => e.RewardPoints));
        Assert.Equal([true, true, false, true], new[] { detractor, promoter, third, later }.Select(e => e.Incentivised));
        Assert.Equal(0, Submit(state, Feedback("req-5", "tx-5"), Now.AddDays(32), reward: null).RewardPoints);
    }

    [Fact]
    public void Answered_transactions_are_forgotten_once_past_the_window_so_the_state_stays_bounded()
    {
        var state = new FeedbackState();
        for (var i = 0; i < 200; i++)
        {
            Submit(state, Feedback($"req-{i}", $"tx-{i}"), Now.AddDays(i));
        }

        // Purchases of the last 90 days (+ clock skew) are kept; the request ids of the last 7 days.
        Assert.InRange(state.Answered.Count, 90, 93);
        Assert.InRange(state.Requests.Count, 7, 9);
    }

    [Fact]
    public void A_reward_is_a_lot_earned_at_once_on_the_member_ledger()
    {
        var e = new FeedbackRewardCredited("fb_1", 50, "tx-1", "merchant-1", "store-1") { OccurredAt = Now, RecordedAt = Now };
        var line = Assert.Single(LedgerEntry.From(7, e));

        Assert.Equal((LedgerEntryType.FeedbackReward, 50L, "feedback-reward", "tx-1", "store-1"),
            (line.Type, line.Points, line.Rule, line.TransactionId, line.StoreId));
        Assert.Equal(Balance.Zero with { Available = 50, LifetimeEarned = 50 }, e.ApplyTo(Balance.Zero));
    }
}
