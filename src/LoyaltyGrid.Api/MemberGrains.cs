using System.Collections.Concurrent;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;

namespace LoyaltyGrid.Api;

/// <summary>
/// References to member grains, kept for reuse. A reference is immutable and safe to share, and making one
/// costs Orleans a reflection lookup that showed up at 5% of the silo's CPU on the checkout path.
/// </summary>
/// <remarks>
/// At most <see cref="MaxKept"/> are kept; then the set starts again. The count is this class's own: a
/// <see cref="ConcurrentDictionary{TKey,TValue}"/>'s <c>Count</c> takes all of its locks, and with a million members
/// (most calls a new member) reading it on every miss was 6% of the silo's CPU (BENCHMARKS.md).
/// </remarks>
public sealed class MemberGrains(IGrainFactory grains)
{
    private const int MaxKept = 200_000;
    private ConcurrentDictionary<string, IMemberGrain> references = new(StringComparer.Ordinal);
    private int kept;

    /// <summary>The member's grain; INVALID_ARGUMENT if the ids cannot name a member (so no grain is made for them).</summary>
    public IMemberGrain Get(string programId, string memberId)
    {
        new RequestValidator().Id("program_id", programId).Id("member_id", memberId).ThrowIfInvalid();
        var key = MemberKey.For(programId, memberId);
        var set = references;
        if (set.TryGetValue(key, out var reference))
        {
            return reference;
        }
        reference = grains.GetGrain<IMemberGrain>(key);
        if (set.TryAdd(key, reference) && Interlocked.Increment(ref kept) >= MaxKept)
        {
            // Simpler than an LRU, and only costs the next calls a fresh lookup each.
            Interlocked.Exchange(ref kept, 0);
            references = new ConcurrentDictionary<string, IMemberGrain>(StringComparer.Ordinal);
        }
        return reference;
    }
}
