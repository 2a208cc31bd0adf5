using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Rewards;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One reward code's life at checkout: its terms, its one use, whether it was cancelled. A short stream (issued, a use
/// or two, cancelled), replayed on activation.
/// </summary>
public sealed class RewardCodeGrain(
    IJournal journal,
    IEventStore store,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<RewardCodeGrain> logger) : Grain, IRewardCodeGrain
{
    private JournaledStream<CodeState, RewardCodeEvent> stream = null!;

    private CodeState State => stream.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        stream = new JournaledStream<CodeState, RewardCodeEvent>("rewardcode/" + this.GetPrimaryKeyString(), new CodeState(), journal, store,
            RewardCodeEventCodec.Instance, static (state, e, _) =>
            {
                state.Apply(e);
                return state;
            }, DeactivateOnIdle, logger);
        await stream.LoadAsync(cancellationToken);
    }

    public async Task Issue(RewardCode terms)
    {
        if (State.Terms is null)
        {
            await stream.AppendAsync([new RewardCodeIssued(terms) { At = time.GetUtcNow() }]);
        }
    }

    public Task<RewardCodeStatus?> Check() => Task.FromResult(State.Status());

    public Task<GrainReply<RewardCodeStatus>> Use(string memberId, string useId) => GrainReplies.Run(async () =>
    {
        if (State.Use == (memberId, useId))
        {
            return State.Status()!;
        }
        var terms = State.Terms ?? throw new LoyaltyException(LoyaltyError.NotFound("COUPON_NOT_FOUND", "no such reward code"));
        var now = time.GetUtcNow();
        var refusal = terms.MemberId != memberId ? ("COUPON_NOT_YOURS", $"reward code '{terms.Code}' was issued to another member")
            : State.Cancelled ? ("REWARD_CODE_CANCELLED", $"reward code '{terms.Code}' was cancelled")
            : now >= terms.ExpiresAt ? ("COUPON_EXPIRED", $"reward code '{terms.Code}' expired at {terms.ExpiresAt:O}")
            : State.Use is not null ? ("COUPON_USED_UP", $"reward code '{terms.Code}' has been used")
            : ((string, string)?)null;
        if (refusal is { } why)
        {
            throw new LoyaltyException(LoyaltyError.Precondition(why.Item1, why.Item2));
        }
        await stream.AppendAsync([new RewardCodeUsed(memberId, useId) { At = now }]);
        return State.Status()!;
    });

    public async Task<RewardCodeStatus?> Release(string memberId, string useId)
    {
        if (State.Use == (memberId, useId))
        {
            await stream.AppendAsync([new RewardCodeUseReleased(memberId, useId) { At = time.GetUtcNow() }]);
        }
        return State.Status();
    }

    public Task<GrainReply<RewardCodeStatus>> Cancel() => GrainReplies.Run(async () =>
    {
        var terms = State.Terms ?? throw new LoyaltyException(LoyaltyError.NotFound("REWARD_CODE_NOT_FOUND", "no such reward code"));
        if (State.Use is not null)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("REWARD_CODE_USED",
                $"reward code '{terms.Code}' was used at checkout; a used code cannot be cancelled"));
        }
        if (!State.Cancelled)
        {
            await stream.AppendAsync([new RewardCodeCancelled { At = time.GetUtcNow() }]);
        }
        return State.Status()!;
    });

    private sealed class CodeState
    {
        public RewardCode? Terms { get; private set; }

        public (string MemberId, string UseId)? Use { get; private set; }

        public bool Cancelled { get; private set; }

        public RewardCodeStatus? Status() => Terms is null ? null : new RewardCodeStatus(Terms, Use is not null, Cancelled);

        public void Apply(RewardCodeEvent e)
        {
            switch (e)
            {
                case RewardCodeIssued issued:
                    Terms = issued.Terms;
                    break;
                case RewardCodeUsed used:
                    Use = (used.MemberId, used.UseId);
                    break;
                case RewardCodeUseReleased:
                    Use = null;
                    break;
                case RewardCodeCancelled:
                    Cancelled = true;
                    break;
            }
        }
    }
}
