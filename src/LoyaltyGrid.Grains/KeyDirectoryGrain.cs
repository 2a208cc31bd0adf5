using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Security;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Grains;

/// <summary>Load (replay the directory's journal), decide (<see cref="KeyDirectory"/>), persist, tell every silo, answer.</summary>
public sealed class KeyDirectoryGrain(
    IJournal journal,
    IEventStore store,
    SiloBroadcast broadcast,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<KeyDirectoryGrain> logger) : Grain, IKeyDirectoryGrain
{
    public const string Key = "directory";
    private const string StreamId = "security/keys";

    private static readonly ApiKey System = new("system", "system", ApiRole.Admin, null, null, null, "", DateTimeOffset.UnixEpoch, "system");

    private JournaledStream<KeyDirectory, ApiKeyEvent> stream = null!;

    private KeyDirectory State => stream.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        stream = new JournaledStream<KeyDirectory, ApiKeyEvent>(
            StreamId,
            new KeyDirectory(),
            journal,
            store,
            ApiKeyEventCodec.Instance,
            static (state, e, sequence) =>
            {
                state.Apply(e, sequence);
                return state;
            },
            DeactivateOnIdle,
            logger);
        await stream.LoadAsync(cancellationToken);
    }

    public Task<GrainReply<IssuedKey>> Issue(IssueApiKey command, ApiKey issuer) => GrainReplies.Run(async () =>
    {
        var (keyId, text) = ApiKeySecret.Generate();
        var issued = State.Issue(command, issuer, keyId, ApiKeySecret.Hash(ApiKeySecret.Parse(text)!.Value.Secret), time.GetUtcNow());
        await PersistAsync(issued);
        return new IssuedKey(issued.Key, text);
    });

    public Task<GrainReply<ApiKey>> Revoke(string requestId, string keyId, ApiKey caller) => GrainReplies.Run(async () =>
    {
        if (State.Revoke(requestId, keyId, caller, time.GetUtcNow()) is { } revoked)
        {
            await PersistAsync(revoked);
        }
        var key = State.Find(keyId)!;
        await broadcast.PublishAsync(key);
        return key;
    });

    public Task<ApiKey?> Find(string keyId) => Task.FromResult(State.Find(keyId));

    public Task<IReadOnlyList<ApiKey>> List(ApiKey caller, string? programId) => Task.FromResult(State.Visible(caller, programId));

    public async Task<string?> EnsureBootstrap(string? configuredKey)
    {
        var now = time.GetUtcNow();
        if (configuredKey is { Length: > 0 })
        {
            var keyId = ApiKeySecret.BootstrapKeyId(configuredKey);
            if (State.Find(keyId) is null)
            {
                await PersistAsync(new ApiKeyIssued(new ApiKey(keyId, "bootstrap (configured)", ApiRole.Admin, null, null, null,
                    ApiKeySecret.Hash(configuredKey), now, System.Actor))
                { RequestId = "bootstrap-" + keyId, Actor = System.Actor, RecordedAt = now });
            }
            return null;
        }
        if (State.Keys.Any(k => k.Role == ApiRole.Admin && k.CreatedBy == System.Actor))
        {
            return null;
        }
        var issued = (await Issue(new IssueApiKey("bootstrap", "bootstrap (generated)", ApiRole.Admin, null, null, null), System)).Unwrap();
        return issued.Text;
    }

    private Task PersistAsync(ApiKeyEvent e) => stream.AppendAsync([e]);
}
