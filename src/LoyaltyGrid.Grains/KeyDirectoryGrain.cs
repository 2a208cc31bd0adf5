using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Security;
using LoyaltyGrid.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyGrid.Grains;

/// <summary>Load (replay the directory's journal), decide (<see cref="KeyDirectory"/>), persist, tell every silo, answer.</summary>
public sealed class KeyDirectoryGrain(
    IJournal journal,
    IEventStore store,
    SiloBroadcast broadcast,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time) : Grain, IKeyDirectoryGrain
{
    public const string Key = "directory";
    private const string StreamId = "security/keys";

    private static readonly ApiKey System = new("system", "system", ApiRole.Admin, null, null, null, "", DateTimeOffset.UnixEpoch, "system");

    private readonly KeyDirectory directory = new();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var stored in await store.ReadForwardAsync(StreamId, 0, cancellationToken))
        {
            directory.Apply(JournalJson.Deserialize<ApiKeyEvent>(stored.Payload), stored.Sequence);
        }
    }

    public Task<GrainReply<IssuedKey>> Issue(IssueApiKey command, ApiKey issuer) => GrainReplies.Run(async () =>
    {
        var (keyId, text) = ApiKeySecret.Generate();
        var issued = directory.Issue(command, issuer, keyId, ApiKeySecret.Hash(ApiKeySecret.Parse(text)!.Value.Secret), time.GetUtcNow());
        await PersistAsync(issued);
        return new IssuedKey(issued.Key, text);
    });

    public Task<GrainReply<ApiKey>> Revoke(string requestId, string keyId, ApiKey caller) => GrainReplies.Run(async () =>
    {
        if (directory.Revoke(requestId, keyId, caller, time.GetUtcNow()) is { } revoked)
        {
            await PersistAsync(revoked);
        }
        var key = directory.Find(keyId)!;
        await broadcast.PublishAsync(key);
        return key;
    });

    public Task<ApiKey?> Find(string keyId) => Task.FromResult(directory.Find(keyId));

    public Task<IReadOnlyList<ApiKey>> List(ApiKey caller, string? programId) => Task.FromResult(directory.Visible(caller, programId));

    public async Task<string?> EnsureBootstrap(string? configuredKey)
    {
        var now = time.GetUtcNow();
        if (configuredKey is { Length: > 0 })
        {
            var keyId = ApiKeySecret.BootstrapKeyId(configuredKey);
            if (directory.Find(keyId) is null)
            {
                await PersistAsync(new ApiKeyIssued(new ApiKey(keyId, "bootstrap (configured)", ApiRole.Admin, null, null, null,
                    ApiKeySecret.Hash(configuredKey), now, System.Actor))
                { RequestId = "bootstrap-" + keyId, Actor = System.Actor, RecordedAt = now });
            }
            return null;
        }
        if (directory.Keys.Any(k => k.Role == ApiRole.Admin && k.CreatedBy == System.Actor))
        {
            return null;
        }
        var issued = (await Issue(new IssueApiKey("bootstrap", "bootstrap (generated)", ApiRole.Admin, null, null, null), System)).Unwrap();
        return issued.Text;
    }

    private async Task PersistAsync(ApiKeyEvent e)
    {
        var sequence = directory.Version + 1;
        try
        {
            await journal.AppendAsync(new StreamAppend(StreamId, sequence, [JournalJson.SerializeToUtf8Bytes(e)]));
        }
        catch
        {
            // Unknown outcome: rebuild from what is durable before the next call.
            DeactivateOnIdle();
            throw;
        }
        directory.Apply(e, sequence);
    }
}
