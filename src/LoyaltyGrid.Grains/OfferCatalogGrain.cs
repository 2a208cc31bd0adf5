using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Offers;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Grains;

/// <summary>
/// A program's offers: their ids (at most <see cref="OfferLimits.MaxOffersPerProgram"/>), each offer's own grain
/// holding the rest. No snapshot: the stream has one short event per offer.
/// </summary>
public sealed class OfferCatalogGrain(
    IJournal journal,
    IEventStore store,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<OfferCatalogGrain> logger) : Grain, IOfferCatalogGrain
{
    private JournaledStream<List<string>, OfferListed> stream = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        stream = new JournaledStream<List<string>, OfferListed>(OfferKey.CatalogStreamOf(this.GetPrimaryKeyString()), [], journal, store,
            OfferCatalogEventCodec.Instance, static (ids, e, _) =>
            {
                ids.Add(e.OfferId);
                return ids;
            }, DeactivateOnIdle, logger);
        await stream.LoadAsync(cancellationToken);
    }

    public Task<GrainReply<bool>> Add(string offerId) => GrainReplies.Run(async () =>
    {
        if (stream.State.Contains(offerId))
        {
            return false;
        }
        if (stream.State.Count >= OfferLimits.MaxOffersPerProgram)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("OFFER_LIMIT_EXCEEDED",
                $"program '{this.GetPrimaryKeyString()}' has {OfferLimits.MaxOffersPerProgram} offers, the most a program may create"));
        }
        await stream.AppendAsync([new OfferListed(offerId, time.GetUtcNow())]);
        return true;
    });

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. stream.State]);
}
