using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.LoadGen;

/// <summary>What the silo's group commit did during a run (warm-up included): how many appends shared each commit.</summary>
internal sealed record JournalDelta(long Commits, long Appends, double MeanBatch, double MeanCommitMs)
{
    public static async Task<GetJournalStatsResponse?> ReadAsync(Diagnostics.DiagnosticsClient client)
    {
        try
        {
            return await client.GetJournalStatsAsync(new GetJournalStatsRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        }
        catch (RpcException)
        {
            return null;
        }
    }

    public static JournalDelta? Between(GetJournalStatsResponse? before, GetJournalStatsResponse? after)
    {
        if (before is null || after is null)
        {
            return null;
        }
        var commits = after.Commits - before.Commits;
        var appends = after.Appends - before.Appends;
        var commitMs = (after.CommitTime.ToTimeSpan() - before.CommitTime.ToTimeSpan()).TotalMilliseconds;
        return new JournalDelta(commits, appends, commits == 0 ? 0 : (double)appends / commits, commits == 0 ? 0 : commitMs / commits);
    }
}
