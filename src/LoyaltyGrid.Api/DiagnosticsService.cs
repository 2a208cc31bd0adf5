using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Storage;

namespace LoyaltyGrid.Api;

/// <summary>Touches no grain and no storage: the ceiling benchmarks compare against, and the journal's counters.</summary>
public sealed class DiagnosticsService(TimeProvider time, GroupCommitJournal journal) : Diagnostics.DiagnosticsBase
{
    public override Task<PingResponse> Ping(PingRequest request, ServerCallContext context) =>
        Task.FromResult(new PingResponse { Payload = request.Payload, ServerTime = Timestamp.FromDateTimeOffset(time.GetUtcNow()) });

    public override Task<GetJournalStatsResponse> GetJournalStats(GetJournalStatsRequest request, ServerCallContext context) =>
        Task.FromResult(new GetJournalStatsResponse
        {
            Commits = journal.Commits,
            Appends = journal.Appends,
            CommitTime = Duration.FromTimeSpan(journal.CommitTime),
        });
}
