using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Offers;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Rewards;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Grains;

/// <summary>
/// A member's offer responses: load, decide (<see cref="MemberOffersBook"/>), fulfil, append, count. An acceptance is
/// fulfilled first, through the path that already does it durably and idempotently, with a request id derived from
/// the offer, the member and the acceptance's number: the member's points (<see cref="CreditOfferBonus"/>), the
/// program's coupon issue (IssueCoupons for this member), or the reward's redemption (RedeemReward). A refused
/// fulfilment leaves nothing written; a crash after it and before the append is retried as the same acceptance, which
/// the fulfilment answers as a replay. The offer's counts are sent after the append, keyed by the event's sequence,
/// so a retry sends them again and they are counted once. No snapshot: the state is bounded by the live offers.
/// </summary>
public sealed class MemberOffersGrain(
    IJournal journal,
    IEventStore store,
    IOptions<StorageOptions> options,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<MemberOffersGrain> logger) : Grain, IMemberOffersGrain
{
    private JournaledStream<MemberOffersState, MemberOfferResponded> stream = null!;

    private MemberOffersState State => stream.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        stream = JournaledStream.Of<MemberOffersState, MemberOfferResponded>(OfferKey.MemberStreamOf(this.GetPrimaryKeyString()),
            new MemberOffersState { RequestRetention = options.Value.RequestRetention + Limits.MaxClockSkew },
            journal, store, MemberOfferEventCodec.Instance, DeactivateOnIdle, logger);
        await stream.LoadAsync(cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, MemberOfferStatus>> Statuses() =>
        Task.FromResult<IReadOnlyDictionary<string, MemberOfferStatus>>(new Dictionary<string, MemberOfferStatus>(State.Offers, StringComparer.Ordinal));

    public Task<GrainReply<MemberOfferResponded>> Respond(RespondToOffer command) => GrainReplies.Run(async () =>
    {
        if (MemberKey.For(command.ProgramId, command.MemberId) != this.GetPrimaryKeyString())
        {
            throw new InvalidOperationException($"A command for '{command.ProgramId}/{command.MemberId}' reached member offers grain '{this.GetPrimaryKeyString()}'.");
        }
        var now = time.GetUtcNow();
        var offerGrain = GrainFactory.GetGrain<IOfferGrain>(OfferKey.For(command.ProgramId, command.OfferId));
        MemberOfferResponded answer;
        long? sequence;
        if (MemberOffersBook.ReplayOf(State, command, now) is { } replayed)
        {
            answer = await ReadBackAsync(replayed);
            sequence = replayed;
        }
        else
        {
            var offer = (await offerGrain.View()).Unwrap().Offer;
            var memberGrain = GrainFactory.GetGrain<IMemberGrain>(this.GetPrimaryKeyString());
            var member = (await memberGrain.Get()).Unwrap();
            var segments = (await memberGrain.Segments()).Unwrap();
            var plan = MemberOffersBook.Decide(State, command, offer,
                new MemberFacts(command.MemberId, member.Overview.Tier?.TierId) { SegmentIds = segments }, now);
            var (points, couponCode, rewardCode) = plan.Response == OfferResponse.Accepted
                ? await FulfilAsync(command, offer, plan.Acceptance, memberGrain)
                : (0L, null, null);
            answer = new MemberOfferResponded(offer.OfferId, plan.Response, plan.Acceptance, offer.ValidUntil, points, couponCode, rewardCode,
                command.Actor, plan.FirstForMember) { RequestId = command.RequestId, Fingerprint = plan.Fingerprint, RecordedAt = now };
            // Shown or declined again: nothing new to record or count.
            if (plan.Response == OfferResponse.Accepted || plan.FirstForMember)
            {
                await stream.AppendAsync([answer]);
                sequence = stream.Version;
            }
            else
            {
                sequence = null;
            }
        }
        if (sequence is { } counted)
        {
            (await offerGrain.Count(command.MemberId, counted, answer.Response, answer.FirstForMember)).Unwrap();
        }
        return answer;
    });

    private async Task<(long Points, string? CouponCode, string? RewardCode)> FulfilAsync(RespondToOffer command, Offer offer, int acceptance,
        IMemberGrain member)
    {
        switch (offer.Kind)
        {
            case OfferKind.BonusPoints:
                var credited = (await member.CreditOfferBonus(new CreditOfferBonus(CreditOfferBonus.RequestIdOf(offer.OfferId, acceptance),
                    command.ProgramId, command.MemberId, offer.OfferId, acceptance, offer.BonusPoints))).Unwrap();
                return (credited.Points, null, null);
            case OfferKind.Coupon:
                var change = (await GrainFactory.GetGrain<IProgramGrain>(command.ProgramId).Change(new IssueCoupons(
                    $"offer-coupon:{offer.OfferId}:{command.MemberId}:{acceptance}", command.ProgramId, $"offer:{offer.OfferId}",
                    offer.PromotionId!, 1, command.MemberId, 1, null, null))).Unwrap();
                var batch = (change.Event as CouponsIssued
                    ?? throw new InvalidOperationException($"A coupon issue answered {change.Event.GetType().Name}.")).Batch;
                return (0, batch.Codes[0], null);
            case OfferKind.Reward:
                var redemption = (await GrainFactory.GetGrain<IRewardGrain>(RewardKey.For(command.ProgramId, offer.RewardId!)).Redeem(
                    new RedeemReward($"offer-reward:{offer.OfferId}:{acceptance}", command.ProgramId, command.MemberId, offer.RewardId!))).Unwrap();
                return (redemption.Points, null, redemption.Code);
            default:
                throw new InvalidOperationException($"Offer kind {offer.Kind} cannot be fulfilled.");
        }
    }

    private async Task<MemberOfferResponded> ReadBackAsync(long sequence)
    {
        var stored = await store.ReadBackwardAsync(stream.StreamId, sequence + 1, 1, CancellationToken.None);
        if (stored.Count == 0 || stored[0].Sequence != sequence)
        {
            throw new InvalidOperationException($"Event {sequence} of {stream.StreamId} is missing from the journal.");
        }
        return stream.Codec.Decode(stored[0].Payload);
    }
}
