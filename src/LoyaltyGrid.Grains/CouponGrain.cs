using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One coupon code: its uses are this grain's journal, its terms are the program's (read once per activation,
/// they never change). Uses are keyed by member and use id, because use ids are purchase request ids, which are
/// unique only within one member.
/// </summary>
public sealed class CouponGrain(
    IJournal journal,
    IEventStore store,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<CouponGrain> logger) : Grain, ICouponGrain
{
    private JournaledStream<HashSet<(string MemberId, string UseId)>, CouponEvent> stream = null!;
    private CouponBatch? batch;

    /// <summary>The code's uses, by member and use id.</summary>
    private HashSet<(string MemberId, string UseId)> Uses => stream.State;

    private string StreamId => CouponKey.StreamOf(this.GetPrimaryKeyString());

    private string Code => CouponKey.Parse(this.GetPrimaryKeyString()).Code;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        stream = new JournaledStream<HashSet<(string MemberId, string UseId)>, CouponEvent>(
            StreamId, [], journal, store, CouponEventCodec.Instance, Apply, DeactivateOnIdle, logger);
        await stream.LoadAsync(cancellationToken);
        await BatchAsync();
    }

    public async Task<CouponStatus> Check()
    {
        var terms = await BatchAsync();
        return terms is null && RewardCode() is { } reward ? new(Code, null, 0) { Reward = await reward.Check() } : new(Code, terms, Uses.Count);
    }

    public Task<GrainReply<CouponStatus>> Redeem(string memberId, string useId) => GrainReplies.Run(async () =>
    {
        if (await BatchAsync() is null && RewardCode() is { } reward)
        {
            return new CouponStatus(Code, null, 0) { Reward = (await reward.Use(memberId, useId)).Unwrap() };
        }
        if (Uses.Contains((memberId, useId)))
        {
            return Status();
        }
        var terms = await BatchAsync() ?? throw new LoyaltyException(LoyaltyError.NotFound("COUPON_NOT_FOUND",
            $"program '{CouponKey.Parse(this.GetPrimaryKeyString()).ProgramId}' has no coupon code '{Code}'"));
        if (terms.MemberId is { } owner && owner != memberId)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("COUPON_NOT_YOURS", $"coupon '{Code}' was issued to another member"));
        }
        var now = time.GetUtcNow();
        if (now < terms.ValidFrom)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("COUPON_NOT_YET_VALID", $"coupon '{Code}' is valid from {terms.ValidFrom:O}"));
        }
        if (now >= terms.ValidUntil)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("COUPON_EXPIRED", $"coupon '{Code}' expired at {terms.ValidUntil:O}"));
        }
        if (Uses.Count >= terms.MaxUsesPerCode)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("COUPON_USED_UP",
                terms.MaxUsesPerCode == 1 ? $"coupon '{Code}' has been used" : $"coupon '{Code}' has been used {terms.MaxUsesPerCode} times, its limit"));
        }
        await PersistAsync(new CouponUsed(memberId, useId, now));
        return Status();
    });

    public async Task<CouponStatus> Release(string memberId, string useId)
    {
        if (await BatchAsync() is null && RewardCode() is { } reward)
        {
            return new CouponStatus(Code, null, 0) { Reward = await reward.Release(memberId, useId) };
        }
        if (Uses.Contains((memberId, useId)))
        {
            await PersistAsync(new CouponUseReleased(memberId, useId, time.GetUtcNow()));
        }
        return Status();
    }

    /// <summary>The code's batch. Asked again while unknown, so a code checked before it was issued works once it is.</summary>
    private async Task<CouponBatch?> BatchAsync() =>
        batch ??= await GrainFactory.GetGrain<IProgramGrain>(CouponKey.Parse(this.GetPrimaryKeyString()).ProgramId).FindCoupon(Code);

    /// <summary>
    /// A code the program never issued, of a reward code's shape, is the rewards catalogue's: its use is its reward
    /// code grain's (which the reward's grain issues and cancels), and this grain only hands the calls on.
    /// </summary>
    private IRewardCodeGrain? RewardCode() =>
        Domain.Rewards.RewardRedemption.RewardIdOf(Code) is null ? null : GrainFactory.GetGrain<IRewardCodeGrain>(this.GetPrimaryKeyString());

    private CouponStatus Status() => new(Code, batch, Uses.Count);

    private static HashSet<(string MemberId, string UseId)> Apply(HashSet<(string MemberId, string UseId)> uses, CouponEvent e, long sequence)
    {
        if (e is CouponUsed)
        {
            uses.Add((e.MemberId, e.UseId));
        }
        else
        {
            uses.Remove((e.MemberId, e.UseId));
        }
        return uses;
    }

    private Task PersistAsync(CouponEvent e) => stream.AppendAsync([e]);
}
