using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.CustomerFeedback;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Grains;

/// <summary>
/// A member's feedback stream: load, decide (<see cref="FeedbackBook"/>), append, answer. No snapshot: the state is
/// bounded by the feedback window and the request retention (<see cref="FeedbackState"/>), and a member gives little
/// feedback, so the stream is replayed on activation. The reward is handed to the member's points after the feedback
/// is durable, as a command whose request id is the feedback's, so it is credited once however often it is handed
/// over; if the hand-over fails the call fails, and its retry (same request_id) hands it over again.
/// </summary>
public sealed class MemberFeedbackGrain(
    IJournal journal,
    IEventStore store,
    IProgramRulesCache programs,
    IOptions<StorageOptions> options,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<MemberFeedbackGrain> logger) : Grain, IMemberFeedbackGrain
{
    private JournaledStream<FeedbackState, FeedbackSubmitted> stream = null!;

    private FeedbackState State => stream.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        stream = JournaledStream.Of<FeedbackState, FeedbackSubmitted>(
            FeedbackKey.StreamOf(this.GetPrimaryKeyString()),
            new FeedbackState { RequestRetention = options.Value.RequestRetention + Limits.MaxClockSkew },
            journal, store, FeedbackEventCodec.Instance, DeactivateOnIdle, logger);
        await stream.LoadAsync(cancellationToken);
    }

    public Task<GrainReply<FeedbackSubmitted>> Submit(SubmitFeedback command) => GrainReplies.Run(async () =>
    {
        if (MemberKey.For(command.ProgramId, command.MemberId) != this.GetPrimaryKeyString())
        {
            throw new InvalidOperationException($"A command for '{command.ProgramId}/{command.MemberId}' reached feedback grain '{this.GetPrimaryKeyString()}'.");
        }
        var member = GrainFactory.GetGrain<IMemberGrain>(this.GetPrimaryKeyString());
        var feedback = FeedbackBook.Prepare(State, command, time.GetUtcNow()) is { ReplayOf: { } sequence }
            ? await ReadBackAsync(sequence)
            : await DecideAsync(command, member);
        if (feedback.Nps is { } nps)
        {
            (await member.RecordNps(feedback.FeedbackId, nps, feedback.RecordedAt)).Unwrap();
        }
        if (feedback.Incentivised)
        {
            (await member.CreditFeedbackReward(new CreditFeedbackReward(CreditFeedbackReward.RequestIdOf(feedback.FeedbackId),
                command.ProgramId, command.MemberId, feedback.FeedbackId, feedback.RewardPoints, feedback.TransactionId,
                feedback.MerchantId, feedback.StoreId))).Unwrap();
        }
        return feedback;
    });

    private async Task<FeedbackSubmitted> DecideAsync(SubmitFeedback command, IMemberGrain member)
    {
        DateTimeOffset? purchasedAt = null;
        if (command.TransactionId is { } transactionId)
        {
            purchasedAt = (await member.FindOpenPurchase(transactionId)).Unwrap().PurchasedAt;
        }
        else if (!await member.IsEnrolled())
        {
            throw new LoyaltyException(LoyaltyError.NotFound("MEMBER_NOT_FOUND",
                $"member '{command.MemberId}' is not enrolled in program '{command.ProgramId}'"));
        }
        var rules = await programs.GetAsync(command.ProgramId);
        var decision = FeedbackBook.Decide(State, command, purchasedAt, rules.Settings.ReturnHorizon, rules.FeedbackReward, time.GetUtcNow());
        await stream.AppendAsync([decision.NewEvent!]);
        return decision.NewEvent!;
    }

    private async Task<FeedbackSubmitted> ReadBackAsync(long sequence)
    {
        var stored = await store.ReadBackwardAsync(stream.StreamId, sequence + 1, 1, CancellationToken.None);
        if (stored.Count == 0 || stored[0].Sequence != sequence)
        {
            throw new InvalidOperationException($"Event {sequence} of {stream.StreamId} is missing from the journal.");
        }
        return stream.Codec.Decode(stored[0].Payload);
    }
}
