using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage;

namespace LoyaltyGrid.Grains;

public sealed class ProgramGrain(IJournal journal, IEventStore store, TimeProvider time) : Grain, IProgramGrain
{
    private ProgramCreated? created;

    private string StreamId => "program/" + this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var events = await store.ReadForwardAsync(StreamId, 0, cancellationToken);
        created = events.Count > 0 ? JournalJson.Deserialize<ProgramCreated>(events[0].Payload) : null;
    }

    public Task<GrainReply<ProgramSettings>> Create(CreateProgram command) => GrainReplies.Run(async () =>
    {
        command.Validate();
        var fingerprint = Fingerprint.Of(command);
        if (created is not null)
        {
            return created.RequestId == command.RequestId && created.Fingerprint == fingerprint
                ? created.Settings
                : throw new LoyaltyException(LoyaltyError.AlreadyExists("PROGRAM_ALREADY_EXISTS",
                    $"program '{command.ProgramId}' already exists; GetProgram shows its settings"));
        }
        var e = new ProgramCreated(command.ToSettings(time.GetUtcNow()), command.RequestId, fingerprint);
        await journal.AppendAsync(new StreamAppend(StreamId, 1, [JournalJson.Serialize(e)]));
        created = e;
        return e.Settings;
    });

    public Task<GrainReply<ProgramSettings>> Get() => GrainReplies.Run(() => created is not null
        ? Task.FromResult(created.Settings)
        : throw new LoyaltyException(LoyaltyError.NotFound("PROGRAM_NOT_FOUND",
            $"program '{this.GetPrimaryKeyString()}' does not exist")));
}
