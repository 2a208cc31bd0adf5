using System.Diagnostics;
using System.Runtime;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using LoyaltyGrid.Storage;

namespace LoyaltyGrid.Api;

/// <summary>
/// Operational helpers: the ping ceiling benchmarks compare against, the journal's counters, and what member state
/// costs (live heap, stored size, reactivation). Benchmarks and operators only; the access table gives all but Ping
/// to platform admins alone.
/// </summary>
public sealed class DiagnosticsService(
    TimeProvider time,
    GroupCommitJournal journal,
    IEventStore store,
    IGrainFactory grains,
    ILocalSiloDetails silo,
    MemberGrains members) : Diagnostics.DiagnosticsBase
{
    // Orleans counts activations per grain class, named by the class's full name (with its assembly after a comma).
    private static readonly string MemberGrainType = typeof(MemberGrain).FullName!;

    public override Task<PingResponse> Ping(PingRequest request, ServerCallContext context) =>
        Task.FromResult(new PingResponse { Payload = request.Payload, ServerTime = Timestamp.FromDateTimeOffset(time.GetUtcNow()) });

    public override Task<GetJournalStatsResponse> GetJournalStats(GetJournalStatsRequest request, ServerCallContext context) =>
        Task.FromResult(new GetJournalStatsResponse
        {
            Commits = journal.Commits,
            Appends = journal.Appends,
            CommitTime = Duration.FromTimeSpan(journal.CommitTime),
        });

    public override async Task<GetMemoryStatsResponse> GetMemoryStats(GetMemoryStatsRequest request, ServerCallContext context)
    {
        var started = Stopwatch.GetTimestamp();
        // Compacting the large object heap too, so fragmentation from before the reading does not count as live.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var live = GC.GetTotalMemory(forceFullCollection: true);
        var collectionTime = Stopwatch.GetElapsedTime(started);

        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics([silo.SiloAddress]);
        var active = statistics
            .Where(s => s.GrainType == MemberGrainType || s.GrainType.StartsWith(MemberGrainType + ",", StringComparison.Ordinal))
            .Sum(s => (long)s.ActivationCount);
        return new GetMemoryStatsResponse
        {
            LiveHeapBytes = live,
            ActiveMembers = active,
            CollectionTime = Duration.FromTimeSpan(collectionTime),
        };
    }

    public override async Task<GetMemberStorageResponse> GetMemberStorage(GetMemberStorageRequest request, ServerCallContext context)
    {
        var stream = await EnrolledStreamAsync(request.ProgramId, request.MemberId, context.CancellationToken);
        var snapshot = await store.ReadSnapshotAsync(stream.Id, context.CancellationToken);
        return new GetMemberStorageResponse
        {
            // The stored payload (envelope and body), before the database's own compression.
            SnapshotBytes = snapshot?.Payload.Length ?? 0,
            SnapshotSequence = snapshot?.Sequence ?? 0,
            LastSequence = stream.LastSequence,
        };
    }

    public override async Task<DeactivateMemberResponse> DeactivateMember(DeactivateMemberRequest request, ServerCallContext context)
    {
        await EnrolledStreamAsync(request.ProgramId, request.MemberId, context.CancellationToken);
        // The management grain reaches the activation wherever it is and waits until it is gone; calling the member
        // grain itself would activate one that was not active.
        var member = members.Get(request.ProgramId, request.MemberId);
        await grains.GetGrain<IManagementGrain>(0).DeactivateGrain(member.GetGrainId(), context.CancellationToken);
        return new DeactivateMemberResponse();
    }

    /// <summary>The member's journal stream and its newest sequence; INVALID_ARGUMENT or NOT_FOUND as for any member call.</summary>
    private async Task<(string Id, long LastSequence)> EnrolledStreamAsync(string programId, string memberId, CancellationToken cancellationToken)
    {
        new RequestValidator().Id("program_id", programId).Id("member_id", memberId).ThrowIfInvalid();
        var stream = MemberKey.StreamOf(MemberKey.For(programId, memberId));
        var newest = await store.ReadBackwardAsync(stream, long.MaxValue, 1, cancellationToken);
        if (newest.Count == 0)
        {
            throw new LoyaltyException(LoyaltyError.NotFound("MEMBER_NOT_FOUND",
                $"member '{memberId}' is not enrolled in program '{programId}'"));
        }
        return (stream, newest[0].Sequence);
    }
}
