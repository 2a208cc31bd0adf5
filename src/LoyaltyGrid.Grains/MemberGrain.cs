using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One member. Load (snapshot + journal), decide (domain), persist (group commit), answer. Nothing is
/// answered before it is durable; if a write fails the activation is dropped and rebuilt from storage.
/// </summary>
public sealed partial class MemberGrain(
    IJournal journal,
    IEventStore store,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<MemberGrain> logger) : Grain, IMemberGrain
{
    private MemberState state = new();
    private ProgramSettings? program;
    private long snapshotVersion;
    private bool wakeUpKnown;
    private DateTimeOffset? storedWakeUp;
    private IGrainTimer? holdTimer;

    private string StreamId => MemberKey.StreamOf(this.GetPrimaryKeyString());

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var snapshot = await store.ReadSnapshotAsync(StreamId, cancellationToken);
        if (snapshot is not null)
        {
            state = JournalJson.Deserialize<MemberState>(snapshot.Payload);
            snapshotVersion = snapshot.Sequence;
        }
        foreach (var stored in await store.ReadForwardAsync(StreamId, state.Version, cancellationToken))
        {
            state.Apply(JournalJson.Deserialize<MemberEvent>(stored.Payload), stored.Sequence);
        }
        // Holds that expired while the member was not active are released before anyone looks.
        if (MemberAccount.ExpireHolds(state, time.GetUtcNow()) is { Count: > 0 } released)
        {
            await PersistAsync(released);
        }
        ScheduleHoldTimer();
    }

    /// <summary>
    /// Enrols the member and gives them their card alias. The alias is claimed only once the domain has accepted
    /// the enrolment, and given back if the enrolment cannot be made durable, so a refused enrolment claims nothing.
    /// </summary>
    public Task<GrainReply<MemberEnrolled>> Enroll(EnrollMember command) => GrainReplies.Run(async () =>
    {
        var decision = new MemberAccount(state, await ProgramAsync(command.ProgramId)).Handle(command, time.GetUtcNow());
        if (decision.IsReplay)
        {
            return (MemberEnrolled)decision.Result;
        }
        var card = command.CardAlias is { Length: > 0 } alias
            ? GrainFactory.GetGrain<ICardAliasGrain>(CardAliasKey.For(command.ProgramId, alias))
            : null;
        var claimed = card is not null && (await card.Claim(command.MemberId)).Unwrap();
        try
        {
            await PersistAsync(decision.NewEvents);
        }
        catch when (claimed)
        {
            await card!.Release(command.MemberId);
            throw;
        }
        return (MemberEnrolled)decision.Result;
    });

    public Task<GrainReply<PurchaseRecorded>> RecordPurchase(RecordPurchase command) => Execute<PurchaseRecorded>(command);

    public Task<GrainReply<ReturnRecorded>> RecordReturn(RecordReturn command) => Execute<ReturnRecorded>(command);

    public Task<GrainReply<RedemptionAuthorized>> AuthorizeRedemption(AuthorizeRedemption command) => Execute<RedemptionAuthorized>(command);

    public Task<GrainReply<RedemptionCaptured>> CaptureRedemption(CaptureRedemption command) => Execute<RedemptionCaptured>(command);

    public Task<GrainReply<RedemptionReleased>> VoidRedemption(VoidRedemption command) => Execute<RedemptionReleased>(command);

    public Task<GrainReply<MemberView>> Get() => GrainReplies.Run(() =>
        Task.FromResult(new MemberView(Profile(), state.Balance)));

    public Task<GrainReply<LedgerPage>> ListLedger(int pageSize, long? beforeSequence) => GrainReplies.Run(async () =>
    {
        Profile();
        var before = beforeSequence ?? state.Version + 1;
        var entries = new List<LedgerEntry>(pageSize);
        var next = before;
        // Events that move no points (enrolment) are skipped, so read on until the page is full.
        while (entries.Count < pageSize && next > 1)
        {
            var events = await store.ReadBackwardAsync(StreamId, next, pageSize - entries.Count, CancellationToken.None);
            if (events.Count == 0)
            {
                break;
            }
            foreach (var stored in events)
            {
                if (LedgerEntry.From(stored.Sequence, JournalJson.Deserialize<MemberEvent>(stored.Payload)) is { } entry)
                {
                    entries.Add(entry);
                }
            }
            next = events[^1].Sequence;
        }
        return new LedgerPage(entries, next > 1 && entries.Count == pageSize ? next : null);
    });

    public async Task WakeUp()
    {
        var released = MemberAccount.ExpireHolds(state, time.GetUtcNow());
        if (released.Count > 0 || !wakeUpKnown || storedWakeUp != NextWakeUp(released))
        {
            await PersistAsync(released);
        }
    }

    private Task<GrainReply<T>> Execute<T>(IMemberCommand command) where T : MemberEvent =>
        GrainReplies.Run(async () =>
        {
            var decision = new MemberAccount(state, await ProgramAsync(command.ProgramId)).Handle(command, time.GetUtcNow());
            if (!decision.IsReplay)
            {
                await PersistAsync(decision.NewEvents);
            }
            return (T)decision.Result;
        });

    private async Task PersistAsync(IReadOnlyList<MemberEvent> events)
    {
        var first = state.Version + 1;
        var wakeUp = NextWakeUp(events);
        var append = new StreamAppend(
            StreamId,
            first,
            events.Select(e => JournalJson.Serialize(e)).ToArray(),
            wakeUpKnown && wakeUp == storedWakeUp ? null : new WakeUp(wakeUp));
        try
        {
            await journal.AppendAsync(append);
        }
        catch (Exception ex)
        {
            // The outcome is unknown (the commit may or may not have landed): rebuild from storage
            // before the next request, which will then see exactly what is durable.
            LogAppendFailed(StreamId, ex);
            DeactivateOnIdle();
            throw;
        }
        for (var i = 0; i < events.Count; i++)
        {
            state.Apply(events[i], first + i);
        }
        wakeUpKnown = true;
        storedWakeUp = wakeUp;
        ScheduleHoldTimer();
        if (state.Version - snapshotVersion >= options.Value.SnapshotEvery)
        {
            WriteSnapshot();
        }
    }

    /// <summary>The earliest open hold's expiry once <paramref name="events"/> are applied.</summary>
    private DateTimeOffset? NextWakeUp(IReadOnlyList<MemberEvent> events)
    {
        var closed = new HashSet<string>(events.Select(e => e switch
        {
            RedemptionCaptured c => c.HoldId,
            RedemptionReleased r => r.HoldId,
            _ => null,
        }).OfType<string>());
        var expiries = state.Holds.Values
            .Where(h => h.Status == HoldStatus.Open && !closed.Contains(h.HoldId))
            .Select(h => h.ExpiresAt)
            .Concat(events.OfType<RedemptionAuthorized>().Select(h => h.ExpiresAt));
        return expiries.Any() ? expiries.Min() : null;
    }

    private void ScheduleHoldTimer()
    {
        holdTimer?.Dispose();
        holdTimer = null;
        if (state.NextHoldExpiry() is { } due)
        {
            var delay = due - time.GetUtcNow();
            holdTimer = this.RegisterGrainTimer(
                _ => WakeUp(),
                new GrainTimerCreationOptions(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan));
        }
    }

    private void WriteSnapshot()
    {
        // Old request ids are dropped only where the program (and so its offline window) is known.
        if (program is not null)
        {
            state.ForgetRequestsRecordedBefore(time.GetUtcNow() - program.RequestRetention(options.Value.RequestRetention));
        }
        var snapshot = new StoredSnapshot(StreamId, state.Version, JournalJson.Serialize(state));
        snapshotVersion = state.Version;
        // A snapshot only shortens replay; the journal is already durable, so nobody waits for it.
        _ = store.WriteSnapshotAsync(snapshot, CancellationToken.None).ContinueWith(
            t => LogSnapshotFailed(snapshot.StreamId, t.Exception!),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private MemberProfile Profile()
    {
        if (state.Profile is null)
        {
            var (programId, memberId) = MemberKey.Parse(this.GetPrimaryKeyString());
            throw new LoyaltyException(LoyaltyError.NotFound("MEMBER_NOT_FOUND",
                $"member '{memberId}' is not enrolled in program '{programId}'"));
        }
        return state.Profile;
    }

    private async Task<ProgramSettings> ProgramAsync(string programId)
    {
        if (program is null)
        {
            var expected = MemberKey.Parse(this.GetPrimaryKeyString()).ProgramId;
            if (programId != expected)
            {
                throw new InvalidOperationException($"A command for program '{programId}' reached member grain '{this.GetPrimaryKeyString()}'.");
            }
            program = (await GrainFactory.GetGrain<IProgramGrain>(programId).Get()).Unwrap();
        }
        return program;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal append for {StreamId} failed; the activation will be rebuilt from storage.")]
    private partial void LogAppendFailed(string streamId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot of {StreamId} failed; replay will start from the previous one.")]
    private partial void LogSnapshotFailed(string streamId, Exception exception);
}
