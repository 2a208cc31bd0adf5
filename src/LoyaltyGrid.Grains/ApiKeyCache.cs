using System.Collections.Concurrent;
using LoyaltyGrid.Domain.Security;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyGrid.Grains;

/// <summary>
/// This silo's copy of the API keys callers have used, so authenticating a call is a dictionary lookup and a hash.
/// The key directory pushes every change here before it answers (a revocation is in force everywhere at once);
/// entries older than <see cref="MaxAge"/> are re-read, so a silo that missed a push heals. Unknown key ids are not
/// remembered: a key issued a moment after a miss works at once.
/// </summary>
public sealed class ApiKeyCache(IGrainFactory grains, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The key with <paramref name="keyId"/>, revoked ones included, or null if there is none.</summary>
    public async ValueTask<ApiKey?> FindAsync(string keyId)
    {
        if (entries.TryGetValue(keyId, out var entry) && time.GetUtcNow() - entry.ReadAt <= MaxAge)
        {
            return entry.Key;
        }
        var key = await grains.GetGrain<IKeyDirectoryGrain>(KeyDirectoryGrain.Key).Find(keyId);
        return key is null ? null : Offer(key);
    }

    /// <summary>Takes <paramref name="key"/> as the current state of its key; a revoked key stays revoked.</summary>
    public ApiKey Offer(ApiKey key) => entries.AddOrUpdate(
        key.KeyId,
        static (_, arg) => new Entry(arg.key, arg.now),
        static (_, held, arg) => new Entry(held.Key.IsRevoked && !arg.key.IsRevoked ? held.Key : arg.key, arg.now),
        (key, now: time.GetUtcNow())).Key;

    private sealed record Entry(ApiKey Key, DateTimeOffset ReadAt);
}
