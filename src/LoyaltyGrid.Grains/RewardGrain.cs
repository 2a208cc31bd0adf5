using System.Security.Cryptography;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Rewards;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One reward: load, decide (<see cref="RewardBook"/>), append, answer. The stock is never oversold because this
/// grain is the one place a unit is taken, one request at a time (not reentrant), and a unit is reserved durably
/// before the member's points are debited. The grain calls the member's grain (debit, refund), never the other way,
/// so no call cycle can form. A snapshot every <see cref="StorageOptions.SnapshotEvery"/> events (<see cref="RewardSnapshotCodec"/>)
/// keeps an activation from replaying every redemption the reward ever had. A reservation whose debit's outcome is
/// unknown sets the reward's stored wake-up time (<see cref="RewardBook.NextRetry"/>, in the same commit), so the
/// wake-up service finishes it even if nobody redeems the reward again.
/// </summary>
public sealed partial class RewardGrain(
    IJournal journal,
    IEventStore store,
    IProgramRulesCache programs,
    IOptions<StorageOptions> options,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<RewardGrain> logger) : Grain, IRewardGrain
{
    private const string CodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private JournaledStream<RewardState, RewardEvent> stream = null!;

    private bool wakeUpKnown;

    private DateTimeOffset? storedWakeUp;

    /// <summary>After a retry that failed too: not woken again before this.</summary>
    private DateTimeOffset? retryNotBefore;

    private RewardState State => stream.State;

    private string ProgramId => RewardKey.Parse(this.GetPrimaryKeyString()).ProgramId;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        RewardState NewState() => new() { RequestRetention = options.Value.RequestRetention + Limits.MaxClockSkew };
        stream = JournaledStream.Of<RewardState, RewardEvent>(
            RewardKey.StreamOf(this.GetPrimaryKeyString()), NewState(), journal, store, RewardEventCodec.Instance, DeactivateOnIdle, logger,
            new RewardSnapshotCodec(NewState), options.Value.SnapshotEvery);
        await stream.LoadAsync(cancellationToken);
    }

    public Task<GrainReply<RewardView>> Define(DefineReward command) => GrainReplies.Run(async () =>
    {
        CheckKey(command.ProgramId, command.RewardId);
        var rules = await programs.GetAsync(command.ProgramId);
        var (defined, answer) = RewardBook.Define(State, rules, command, time.GetUtcNow());
        if (command.Create)
        {
            // Listed before it is written, so a full catalogue refuses the reward; a retry lists it again (a no-op).
            (await GrainFactory.GetGrain<IRewardCatalogGrain>(command.ProgramId).Add(command.RewardId)).Unwrap();
        }
        if (defined is not null)
        {
            await AppendAsync([defined]);
        }
        return State.View(null) with { Reward = answer };
    });

    public Task<RewardView?> View(string? memberId) => Task.FromResult(State.Reward is null ? null : State.View(memberId));

    public Task<GrainReply<RewardRedemption>> Redeem(RedeemReward command) => GrainReplies.Run(async () =>
    {
        CheckKey(command.ProgramId, command.RewardId);
        await ResolveReservedAsync();
        var (reserved, existing) = RewardBook.Reserve(State, command, NewCodeSuffix(), time.GetUtcNow());
        if (reserved is not null)
        {
            await AppendAsync([reserved]);
        }
        // A remembered request's redemption outlives it (a code is kept past its expiry for the retention), so a replay
        // always finds it; the refusal is for the impossible case, never an internal error.
        var redemption = existing ?? (reserved is not null ? State.Redemptions[reserved.Code]
            : throw new LoyaltyException(LoyaltyError.NotFound("REWARD_CODE_NOT_FOUND", $"request '{command.RequestId}' has no redemption left")));
        return redemption.Status == RedemptionStatus.Reserved ? await DebitAsync(redemption, command.RequestId) : redemption;
    });

    public Task<GrainReply<RewardRedemption>> Cancel(CancelRewardRedemption command) => GrainReplies.Run(async () =>
    {
        CheckKey(command.ProgramId, RewardRedemption.RewardIdOf(command.Code) ?? "");
        RewardRedemption redemption;
        try
        {
            var (cancelled, found) = RewardBook.Cancel(State, command, time.GetUtcNow());
            if (cancelled is not null)
            {
                // The code's own grain decides whether a purchase used it (REWARD_CODE_USED); once it says no, no
                // checkout can use it, so the unit and the points can come back.
                (await CodeGrain(found.Code).Cancel()).Unwrap();
                await AppendAsync([cancelled]);
            }
            redemption = State.Redemptions[found.Code];
        }
        catch (LoyaltyException ex) when (ex.Error.Reason == "REWARD_ALREADY_CANCELLED"
            && State.Redemptions.TryGetValue(command.Code, out var unrefunded) && !unrefunded.Refunded)
        {
            // Cancelled, but the refund's outcome was not known (a crash, a timeout): a new request finishes it.
            redemption = unrefunded;
        }
        if (!redemption.Refunded)
        {
            var member = GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(ProgramId, redemption.MemberId));
            var refund = (await member.RefundRewardPoints(new RefundRewardPoints(RefundRewardPoints.RequestIdOf(redemption.Code), ProgramId,
                redemption.MemberId, redemption.RewardId, redemption.Code, redemption.Points, State.Reward!.PartnerId))).Unwrap();
            await AppendAsync([new RewardRefunded(redemption.Code, refund.BalanceAfter.Available) { At = time.GetUtcNow() }]);
            redemption = State.Redemptions[redemption.Code];
        }
        return redemption;
    });

    /// <summary>
    /// Debits the member for a reserved unit and issues its code, or gives the unit back if the member's account
    /// refuses (and refuses with its reason). A debit whose outcome is unknown leaves the unit reserved: the request's
    /// retry, or the next redemption of this reward (<see cref="ResolveReservedAsync"/>), sends the same debit again.
    /// </summary>
    private async Task<RewardRedemption> DebitAsync(RewardRedemption redemption, string requestId)
    {
        var reward = State.Reward!;
        var member = GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(ProgramId, redemption.MemberId));
        var debit = await member.RedeemRewardPoints(new RedeemRewardPoints(requestId, ProgramId, redemption.MemberId, redemption.RewardId,
            redemption.Code, redemption.Points, reward.TierIds, reward.PartnerId) { SegmentIds = reward.SegmentIds });
        if (debit.Error is { } refused)
        {
            await AppendAsync([new RewardReservationReleased(redemption.Code, refused.Reason) { At = time.GetUtcNow() }]);
            throw new LoyaltyException(refused);
        }
        // The code is accepted at checkout once its grain knows it; only then is it issued and answered.
        await CodeGrain(redemption.Code).Issue(RewardCode.Of(reward, redemption));
        await AppendAsync([new RewardIssued(redemption.Code, debit.Value!.BalanceAfter.Available) { At = time.GetUtcNow() }]);
        return State.Redemptions[redemption.Code];
    }

    /// <summary>
    /// Finishes the redemptions a previous call left reserved (the grain is not reentrant, so any reserved now is one
    /// whose debit's outcome was unknown): each is debited again under its own request id, issued or given back.
    /// </summary>
    private async Task ResolveReservedAsync()
    {
        foreach (var pending in State.Reserved())
        {
            var requestId = pending.RequestKey is { } key ? key[(key.IndexOf('/') + 1)..] : null;
            if (requestId is null)
            {
                continue;
            }
            try
            {
                await DebitAsync(pending, requestId);
            }
            catch (LoyaltyException)
            {
                // Refused: the unit is back in stock; the request's own retry is told why.
            }
        }
    }

    public async Task WakeUp()
    {
        try
        {
            await ResolveReservedAsync();
            retryNotBefore = null;
        }
        catch (Exception ex) when (ex is not LoyaltyException)
        {
            // The member still cannot be reached: try again a while later rather than at every poll of the service.
            retryNotBefore = time.GetUtcNow() + RewardBook.ReservationRetryAfter;
            LogRetryFailed(ex, this.GetPrimaryKeyString(), retryNotBefore.Value);
        }
        if (!wakeUpKnown || storedWakeUp != RewardBook.NextRetry(State, retryNotBefore))
        {
            await AppendAsync([]);
        }
    }

    /// <summary>Appends, with the reward's wake-up time when it changes (the same commit).</summary>
    private async Task AppendAsync(IReadOnlyList<RewardEvent> events)
    {
        DateTimeOffset? due = null;
        await stream.AppendAsync(events, state =>
        {
            due = RewardBook.NextRetry(state, retryNotBefore);
            return wakeUpKnown && due == storedWakeUp ? null : new WakeUp(due);
        });
        wakeUpKnown = true;
        storedWakeUp = due;
    }

    private IRewardCodeGrain CodeGrain(string code) => GrainFactory.GetGrain<IRewardCodeGrain>(CouponKey.For(ProgramId, code));

    private void CheckKey(string programId, string rewardId)
    {
        if (RewardKey.For(programId, rewardId) != this.GetPrimaryKeyString())
        {
            throw new InvalidOperationException($"A command for '{programId}/{rewardId}' reached reward grain '{this.GetPrimaryKeyString()}'.");
        }
    }

    private static string NewCodeSuffix()
    {
        Span<byte> bytes = stackalloc byte[RewardState.CodeSuffixLength];
        RandomNumberGenerator.Fill(bytes);
        Span<char> chars = stackalloc char[RewardState.CodeSuffixLength];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = CodeAlphabet[bytes[i] & 31];
        }
        return new string(chars);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Finishing the reservations of reward {Reward} failed; trying again after {RetryAt}.")]
    private partial void LogRetryFailed(Exception exception, string reward, DateTimeOffset retryAt);
}
