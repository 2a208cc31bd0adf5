using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Storage;

/// <summary>
/// Group commit: appends queue up while earlier commits are on their way to disk, then all of them go
/// in the next single transaction. Under load a commit carries many members' events for one round
/// trip and one fsync; when idle a lone append is written at once. A few commits may be in flight at
/// once (<see cref="StorageOptions.MaxConcurrentCommits"/>) so that the database's own round trip does
/// not cap throughput; one member's appends never overlap, because its grain awaits each one.
/// </summary>
public sealed partial class GroupCommitJournal : IJournal, IAsyncDisposable
{
    private readonly Channel<PendingAppend> queue = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly IEventStore store;
    private readonly int maxBatchSize;
    private readonly int maxConcurrentCommits;
    private readonly SemaphoreSlim commitSlots;
    private readonly ILogger<GroupCommitJournal> logger;
    private readonly Task writer;
    private long commits;
    private long appends;
    private long commitTicks;

    public GroupCommitJournal(IEventStore store, IOptions<StorageOptions> options, ILogger<GroupCommitJournal> logger)
    {
        this.store = store;
        this.logger = logger;
        maxBatchSize = Math.Max(1, options.Value.MaxBatchSize);
        maxConcurrentCommits = Math.Max(1, options.Value.MaxConcurrentCommits);
        commitSlots = new SemaphoreSlim(maxConcurrentCommits, maxConcurrentCommits);
        writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Transactions written so far.</summary>
    public long Commits => Interlocked.Read(ref commits);

    /// <summary>Appends made durable so far (<see cref="Appends"/> / <see cref="Commits"/> is the mean batch size).</summary>
    public long Appends => Interlocked.Read(ref appends);

    /// <summary>Time spent inside commits, summed.</summary>
    public TimeSpan CommitTime => TimeSpan.FromTicks(Interlocked.Read(ref commitTicks));

    public Task AppendAsync(StreamAppend append)
    {
        var pending = new PendingAppend(append);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitJournal), "The journal is shutting down.");
        }
        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Wait for a free commit slot first: the longer we wait, the more the next batch carries.
            await commitSlots.WaitAsync().ConfigureAwait(false);
            var batch = new List<PendingAppend>();
            while (batch.Count < maxBatchSize && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            _ = CommitAndFreeSlotAsync(batch);
        }
        for (var i = 0; i < maxConcurrentCommits; i++)
        {
            await commitSlots.WaitAsync().ConfigureAwait(false);
        }
    }

    private async Task CommitAndFreeSlotAsync(List<PendingAppend> batch)
    {
        try
        {
            if (batch.Count > 0)
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
        }
        finally
        {
            commitSlots.Release();
        }
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            await store.AppendAsync(batch.ConvertAll(p => p.Append), CancellationToken.None).ConfigureAwait(false);
            Interlocked.Add(ref commitTicks, Stopwatch.GetElapsedTime(started).Ticks);
            Interlocked.Increment(ref commits);
            Interlocked.Add(ref appends, batch.Count);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetResult();
            }
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // One bad append (a sequence conflict) must not fail its neighbours: retry them one by one.
            LogBatchFailed(batch.Count, ex.Message);
            foreach (var pending in batch)
            {
                await CommitAsync([pending]).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            batch[0].Completion.TrySetException(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Count} appends failed ({Reason}); retrying them one by one.")]
    private partial void LogBatchFailed(int count, string reason);

    private sealed class PendingAppend(StreamAppend append)
    {
        public StreamAppend Append { get; } = append;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
