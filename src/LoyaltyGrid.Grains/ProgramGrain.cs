using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One program. Load (replay its short journal), decide (<see cref="ProgramAdmin"/>), persist, hand the new rules to
/// every silo, answer. Checkouts never call this grain on their hot path: they read their silo's rules cache.
/// </summary>
public sealed partial class ProgramGrain(
    IJournal journal,
    IEventStore store,
    SiloBroadcast broadcast,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<ProgramGrain> logger) : Grain, IProgramGrain
{
    private readonly ProgramState state = new();

    private string StreamId => "program/" + this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Programs change a few times a month, so replaying the whole stream is cheap and needs no snapshot.
        foreach (var stored in await store.ReadForwardAsync(StreamId, 0, cancellationToken))
        {
            state.Apply(JournalJson.Deserialize<ProgramEvent>(stored.Payload), stored.Sequence);
        }
    }

    public Task<GrainReply<ProgramRules>> Create(CreateProgram command) => GrainReplies.Run(async () =>
    {
        await DecideAsync(command);
        return state.Rules!;
    });

    public Task<GrainReply<ProgramRules>> Get() => GrainReplies.Run(() => Task.FromResult(state.Rules
        ?? throw new LoyaltyException(LoyaltyError.NotFound("PROGRAM_NOT_FOUND",
            $"program '{this.GetPrimaryKeyString()}' does not exist"))));

    public Task<GrainReply<ProgramChange>> Change(IProgramCommand command) => GrainReplies.Run(async () =>
    {
        if (command is CreateProgram)
        {
            new RequestValidator().Add("command", "CreateProgram creates a program; it is not a change of one (use Create)").ThrowIfInvalid();
        }
        var e = await DecideAsync(command);
        return new ProgramChange(e, state.Rules!);
    });

    public Task<GrainReply<IReadOnlyList<ProgramEvent>>> History() => GrainReplies.Run(() => state.Rules is not null
        ? Task.FromResult(state.History)
        : throw new LoyaltyException(LoyaltyError.NotFound("PROGRAM_NOT_FOUND", $"program '{this.GetPrimaryKeyString()}' does not exist")));

    public Task<CouponBatch?> FindCoupon(string code) => Task.FromResult(state.CouponBatch(code));

    /// <summary>
    /// Runs <paramref name="command"/> and returns the event that answers it. A retry re-publishes the rules too:
    /// the first attempt may have stopped after the append and before every silo had them.
    /// </summary>
    private async Task<ProgramEvent> DecideAsync(IProgramCommand command)
    {
        if (command.ProgramId != this.GetPrimaryKeyString())
        {
            throw new InvalidOperationException($"A command for program '{command.ProgramId}' reached program grain '{this.GetPrimaryKeyString()}'.");
        }
        var decision = new ProgramAdmin(state).Handle(command, time.GetUtcNow());
        if (decision.NewEvent is { } e)
        {
            await PersistAsync(e);
        }
        await broadcast.PublishAsync(state.Rules!);
        return decision.Result;
    }

    private async Task PersistAsync(ProgramEvent e)
    {
        var sequence = state.Version + 1;
        try
        {
            await journal.AppendAsync(new StreamAppend(StreamId, sequence, [JournalJson.SerializeToUtf8Bytes(e)]));
        }
        catch (Exception ex)
        {
            // The outcome is unknown (the commit may or may not have landed): rebuild from storage
            // before the next request, which will then see exactly what is durable.
            LogAppendFailed(StreamId, ex);
            DeactivateOnIdle();
            throw;
        }
        state.Apply(e, sequence);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal append for {StreamId} failed; the activation will be rebuilt from storage.")]
    private partial void LogAppendFailed(string streamId, Exception exception);
}
