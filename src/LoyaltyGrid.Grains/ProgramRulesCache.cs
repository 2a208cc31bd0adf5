using System.Collections.Concurrent;
using LoyaltyGrid.Domain.Programs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Grains;

/// <summary>
/// The silo's copy of each program's rules. A hit costs a dictionary lookup, so every checkout can read it.
/// Misses are not remembered: a program created a moment after a miss is found by the next call. The program
/// grain pushes each change here (<see cref="Offer"/>); entries older than <see cref="MaxAge"/> are also re-read
/// in the background, so a silo that missed a push heals within about that long.
/// </summary>
public sealed partial class ProgramRulesCache(IGrainFactory grains, [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time, ILogger<ProgramRulesCache> logger) : IProgramRulesCache
{
    /// <summary>How long an entry is trusted without a push before it is re-read from the program grain.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    // At most one read of each program is on its way, however many member grains missed at once.
    private readonly ConcurrentDictionary<string, Lazy<Task<ProgramRules>>> reads = new(StringComparer.Ordinal);

    public ValueTask<ProgramRules> GetAsync(string programId)
    {
        if (entries.TryGetValue(programId, out var entry))
        {
            if (time.GetUtcNow() - entry.ReadAt > MaxAge)
            {
                _ = RefreshAsync(programId);
            }
            return ValueTask.FromResult(entry.Rules);
        }
        return new ValueTask<ProgramRules>(ReadAsync(programId));
    }

    /// <summary>
    /// Raised, on the thread that offered them, when rules newer than those held arrive (a push from the program
    /// grain or a read). A handler must be quick and must not throw; the same version may be raised twice when two
    /// offers race, so handlers skip versions they have seen.
    /// </summary>
    public event Action<ProgramRules>? Changed;

    /// <summary>
    /// Takes <paramref name="rules"/> unless a newer version is already here (pushes and reads may arrive out of
    /// order), and returns the rules now held.
    /// </summary>
    public ProgramRules Offer(ProgramRules rules)
    {
        var now = time.GetUtcNow();
        var before = entries.TryGetValue(rules.ProgramId, out var old) ? old.Rules.Version : -1;
        var held = entries.AddOrUpdate(
            rules.ProgramId,
            static (_, arg) => new Entry(arg.rules, arg.now),
            static (_, held, arg) => arg.rules.Version >= held.Rules.Version ? new Entry(arg.rules, arg.now) : held,
            (rules, now)).Rules;
        if (ReferenceEquals(held, rules) && rules.Version > before)
        {
            Changed?.Invoke(rules);
        }
        return held;
    }

    private Task<ProgramRules> ReadAsync(string programId)
    {
        var read = new Lazy<Task<ProgramRules>>(() => Task.Run(async () =>
        {
            try
            {
                // Unwrap throws NOT_FOUND for a program that does not exist; nothing is cached then.
                return Offer((await grains.GetGrain<IProgramGrain>(programId).Get()).Unwrap());
            }
            finally
            {
                reads.TryRemove(programId, out _);
            }
        }));
        // The read runs on the thread pool, not in the calling grain's context, because other grains await it too.
        return reads.GetOrAdd(programId, read).Value;
    }

    private async Task RefreshAsync(string programId)
    {
        try
        {
            await ReadAsync(programId);
        }
        catch (Exception ex)
        {
            // The rules held stay in use; the next call after MaxAge tries again.
            LogRefreshFailed(programId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-reading the rules of program {ProgramId} failed; the cached rules stay in use.")]
    private partial void LogRefreshFailed(string programId, Exception exception);

    private sealed record Entry(ProgramRules Rules, DateTimeOffset ReadAt);
}
