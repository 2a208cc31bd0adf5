using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Offers;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One offer: load, decide (<see cref="OfferBook"/>), append, answer. Its stream holds the definition and one short
/// event per counted response; the state holds only the definition, the counts and the counts' keys for the request
/// retention. A snapshot every <see cref="StorageOptions.SnapshotEvery"/> events (<see cref="OfferSnapshotCodec"/>) keeps an
/// activation from replaying every counted response.
/// </summary>
public sealed class OfferGrain(
    IJournal journal,
    IEventStore store,
    IProgramRulesCache programs,
    IOptions<StorageOptions> options,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<OfferGrain> logger) : Grain, IOfferGrain
{
    private JournaledStream<OfferState, OfferEvent> stream = null!;

    private OfferState State => stream.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        OfferState NewState() => new() { RequestRetention = options.Value.RequestRetention + Limits.MaxClockSkew };
        stream = JournaledStream.Of<OfferState, OfferEvent>(OfferKey.StreamOf(this.GetPrimaryKeyString()), NewState(),
            journal, store, OfferEventCodec.Instance, DeactivateOnIdle, logger, new OfferSnapshotCodec(NewState), options.Value.SnapshotEvery);
        await stream.LoadAsync(cancellationToken);
    }

    public Task<GrainReply<Offer>> Create(CreateOffer command) => GrainReplies.Run(async () =>
    {
        if (OfferKey.For(command.ProgramId, command.OfferId) != this.GetPrimaryKeyString())
        {
            throw new InvalidOperationException($"A command for offer '{command.ProgramId}/{command.OfferId}' reached offer grain '{this.GetPrimaryKeyString()}'.");
        }
        command.Validate();
        var rules = await programs.GetAsync(command.ProgramId);
        var rewardExists = command.Kind == OfferKind.Reward
            && await GrainFactory.GetGrain<IRewardGrain>(RewardKey.For(command.ProgramId, command.RewardId!)).View(null) is not null;
        var (created, answer) = OfferBook.Create(State, rules, command, rewardExists, time.GetUtcNow());
        if (created is not null)
        {
            // Listed before it is written, so a full program refuses the offer; a retry lists it again (a no-op).
            (await GrainFactory.GetGrain<IOfferCatalogGrain>(command.ProgramId).Add(command.OfferId)).Unwrap();
            await stream.AppendAsync([created]);
        }
        return answer;
    });

    public Task<GrainReply<OfferView>> View() => GrainReplies.Run(() => Task.FromResult(State.Offer is null ? throw NotFound() : State.View()));

    public Task<MemberOfferView?> ViewFor(MemberFacts member) => Task.FromResult(State.Offer is not { } offer
        ? null
        : new MemberOfferView(offer.ForMember(), State.Counts, OfferTargeting.Allows(offer, member)));

    public Task<GrainReply<bool>> Count(string memberId, long sequence, OfferResponse response, bool firstForMember) => GrainReplies.Run(async () =>
    {
        if (State.Offer is null)
        {
            throw NotFound();
        }
        if (OfferBook.Count(State, OfferBook.CountKey(memberId, sequence), memberId, response, firstForMember, time.GetUtcNow()) is not { } counted)
        {
            return false;
        }
        await stream.AppendAsync([counted]);
        return true;
    });

    private LoyaltyException NotFound()
    {
        var (programId, offerId) = OfferKey.Parse(this.GetPrimaryKeyString());
        return new LoyaltyException(LoyaltyError.NotFound("OFFER_NOT_FOUND", $"program '{programId}' has no offer '{offerId}'"));
    }
}
