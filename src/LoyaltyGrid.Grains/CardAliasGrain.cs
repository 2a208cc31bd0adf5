using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyGrid.Grains;

public sealed class CardAliasGrain(IJournal journal, IEventStore store, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time) : Grain, ICardAliasGrain
{
    private string? owner;
    private long version;

    private string StreamId => CardAliasKey.StreamOf(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var stored in await store.ReadForwardAsync(StreamId, 0, cancellationToken))
        {
            owner = JournalJson.Deserialize<CardAliasOwnerChanged>(stored.Payload).MemberId;
            version = stored.Sequence;
        }
    }

    public Task<GrainReply<bool>> Claim(string memberId) => GrainReplies.Run(async () =>
    {
        if (owner == memberId)
        {
            return false;
        }
        if (owner is not null)
        {
            var (programId, alias) = CardAliasKey.Parse(this.GetPrimaryKeyString());
            throw new LoyaltyException(LoyaltyError.AlreadyExists("CARD_ALIAS_TAKEN",
                $"card '{alias}' already belongs to another member of program '{programId}'"));
        }
        await ChangeOwnerAsync(memberId);
        return true;
    });

    public async Task Release(string memberId)
    {
        if (owner == memberId)
        {
            await ChangeOwnerAsync(null);
        }
    }

    public Task<GrainReply<string>> Owner() => GrainReplies.Run(() =>
    {
        if (owner is null)
        {
            var (programId, alias) = CardAliasKey.Parse(this.GetPrimaryKeyString());
            throw new LoyaltyException(LoyaltyError.NotFound("CARD_NOT_FOUND",
                $"no member of program '{programId}' has card '{alias}'"));
        }
        return Task.FromResult(owner);
    });

    private async Task ChangeOwnerAsync(string? memberId)
    {
        var change = new CardAliasOwnerChanged(memberId, time.GetUtcNow());
        await journal.AppendAsync(new StreamAppend(StreamId, version + 1, [JournalJson.SerializeToUtf8Bytes(change)]));
        owner = memberId;
        version++;
    }
}
