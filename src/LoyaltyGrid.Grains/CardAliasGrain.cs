using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Grains;

/// <summary>Which member holds one card alias: the last owner change in its journal.</summary>
public sealed class CardAliasGrain(
    IJournal journal,
    IEventStore store,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<CardAliasGrain> logger) : Grain, ICardAliasGrain
{
    private JournaledStream<(string? Owner, string? Former), CardAliasOwnerChanged>? stream;

    private string? CurrentOwner => stream?.State.Owner;

    private string StreamId => CardAliasKey.StreamOf(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken) => ReadJournalAsync(cancellationToken);

    /// <summary>
    /// A bulk import (<see cref="MemberImportGrain"/>) claims aliases by writing their streams directly, so "free" is
    /// never answered from memory: a free alias is re-read first (cheap, and rare on the checkout path).
    /// </summary>
    private async Task ReadJournalAsync(CancellationToken cancellationToken)
    {
        // The former owner: the last member before the current owner that held the alias (a card once a member's).
        stream ??= new JournaledStream<(string? Owner, string? Former), CardAliasOwnerChanged>(
            StreamId, (null, null), journal, store, CardAliasEventCodec.Instance,
            static (s, e, _) => (e.MemberId, s.Owner is { } owner && owner != e.MemberId ? owner : s.Former), DeactivateOnIdle, logger);
        await stream.LoadAsync(cancellationToken);
    }

    public Task<GrainReply<bool>> Claim(string memberId) => GrainReplies.Run(async () =>
    {
        if (CurrentOwner is null)
        {
            await ReadJournalAsync(CancellationToken.None);
        }
        if (CurrentOwner == memberId)
        {
            return false;
        }
        if (CurrentOwner is not null)
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
        if (CurrentOwner == memberId)
        {
            await ChangeOwnerAsync(null);
        }
    }

    public async Task<string?> FormerOwner()
    {
        await ReadJournalAsync(CancellationToken.None);
        return stream!.State.Former;
    }

    public Task<GrainReply<string>> Owner() => GrainReplies.Run(async () =>
    {
        if (CurrentOwner is null)
        {
            await ReadJournalAsync(CancellationToken.None);
        }
        if (CurrentOwner is null)
        {
            var (programId, alias) = CardAliasKey.Parse(this.GetPrimaryKeyString());
            throw new LoyaltyException(LoyaltyError.NotFound("CARD_NOT_FOUND",
                $"no member of program '{programId}' has card '{alias}'"));
        }
        return CurrentOwner;
    });

    /// <summary>An append of unknown outcome drops the activation (the stream does), so a retry sees the durable owner.</summary>
    private Task ChangeOwnerAsync(string? memberId) => stream!.AppendAsync([new CardAliasOwnerChanged(memberId, time.GetUtcNow())]);
}
