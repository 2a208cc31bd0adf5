using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.CustomerFeedback;

/// <summary>
/// The rules of a member's feedback: decides what a <see cref="SubmitFeedback"/> does to a <see cref="FeedbackState"/>
/// without changing it. Refusals are thrown before any event is made. In two steps, because between them the caller
/// asks the member's points whether the transaction is an open purchase: <see cref="Prepare"/> (validation, a retry,
/// one feedback per transaction), then <see cref="Decide"/>.
/// </summary>
public static class FeedbackBook
{
    /// <summary>A replay (the decision to answer with), or null when the command is new and may go on to <see cref="Decide"/>.</summary>
    public static FeedbackDecision? Prepare(FeedbackState state, SubmitFeedback command, DateTimeOffset now)
    {
        command.Validate();
        if (state.Remembered(command.RequestId, now) is { } done)
        {
            if (!Fingerprint.Matches(done.Fingerprint, command, Fingerprint.Of(command)))
            {
                throw new LoyaltyException(LoyaltyError.AlreadyExists("REQUEST_ID_REUSED",
                    $"request_id '{command.RequestId}' was already used for a different feedback of this member; " +
                    "use a new request_id for a new request, or resend the original request unchanged"));
            }
            return new FeedbackDecision(null, done.Sequence);
        }
        if (command.TransactionId is { } transactionId && state.Answered.ContainsKey(transactionId))
        {
            throw new LoyaltyException(LoyaltyError.AlreadyExists("FEEDBACK_ALREADY_GIVEN",
                $"transaction '{transactionId}' already has feedback from member '{command.MemberId}'; a transaction takes one feedback"));
        }
        return null;
    }

    /// <param name="purchasedAt">When the transaction's purchase happened, if the member has it as an open purchase; null otherwise (or without a transaction).</param>
    /// <param name="returnHorizon">The program's return horizon: the member closes purchases older than it.</param>
    public static FeedbackDecision Decide(FeedbackState state, SubmitFeedback command, DateTimeOffset? purchasedAt, TimeSpan returnHorizon,
        FeedbackReward? reward, DateTimeOffset now)
    {
        var window = returnHorizon < FeedbackRules.Window ? returnHorizon : FeedbackRules.Window;
        if (command.TransactionId is { } transactionId)
        {
            // A closed purchase is unknown to the member, but its id (a UUID v7) still tells when it was made.
            var madeAt = purchasedAt ?? MemberAccount.RecordedAtOf(transactionId);
            if (madeAt is { } at && at < now - window)
            {
                throw new LoyaltyException(LoyaltyError.Precondition("FEEDBACK_WINDOW_CLOSED",
                    $"transaction '{transactionId}' was made at {at:O}; feedback is taken on purchases of the last {window.TotalDays:0.##} days"));
            }
            if (purchasedAt is null)
            {
                throw new LoyaltyException(LoyaltyError.NotFound("TRANSACTION_NOT_FOUND",
                    $"transaction '{transactionId}' is not a purchase of member '{command.MemberId}'"));
            }
        }
        var e = new FeedbackSubmitted(NewId(now), command.TransactionId, purchasedAt, command.MerchantId, command.StoreId,
            command.TerminalId, command.Nps, command.Csat, string.IsNullOrEmpty(command.Comment) ? null : command.Comment, command.Channel,
            RewardPoints(state, reward, now))
        {
            RequestId = command.RequestId,
            Fingerprint = Fingerprint.Of(command),
            RecordedAt = now,
        };
        return new FeedbackDecision(e, null);
    }

    /// <summary>The reward's points, or 0 with none in force or the member's limit for the period reached. Scores play no part.</summary>
    public static long RewardPoints(FeedbackState state, FeedbackReward? reward, DateTimeOffset now)
    {
        if (reward is not { Points: > 0 } r)
        {
            return 0;
        }
        if (r.MaxPerPeriod > 0 && r.Period is { } period && state.RewardsSince(now - period) >= r.MaxPerPeriod)
        {
            return 0;
        }
        return r.Points;
    }

    private static string NewId(DateTimeOffset now) => $"fb_{Guid.CreateVersion7(now):N}";
}
