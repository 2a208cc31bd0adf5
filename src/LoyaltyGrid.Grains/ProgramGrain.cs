using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One program. Load (replay its short journal), decide (<see cref="ProgramAdmin"/>), persist, hand the new rules to
/// every silo, answer. Checkouts never call this grain on their hot path: they read their silo's rules cache.
/// </summary>
public sealed class ProgramGrain(
    IJournal journal,
    IEventStore store,
    SiloBroadcast broadcast,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<ProgramGrain> logger) : Grain, IProgramGrain
{
    private JournaledStream<ProgramState, ProgramEvent> stream = null!;

    private ProgramState State => stream.State;

    private string StreamId => "program/" + this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Programs change a few times a month, so replaying the whole stream is cheap and needs no snapshot. Program
        // events are JSON in the versioned envelope until their many rule kinds get a protobuf schema.
        stream = new JournaledStream<ProgramState, ProgramEvent>(
            StreamId,
            new ProgramState(),
            journal,
            store,
            JsonEventCodec<ProgramEvent>.Instance,
            static (state, e, sequence) =>
            {
                state.Apply(e, sequence);
                return state;
            },
            DeactivateOnIdle,
            logger);
        await stream.LoadAsync(cancellationToken);
    }

    public Task<GrainReply<ProgramRules>> Create(CreateProgram command) => GrainReplies.Run(async () =>
    {
        await DecideAsync(command);
        return State.Rules!;
    });

    public Task<GrainReply<ProgramRules>> Get() => GrainReplies.Run(() => Task.FromResult(State.Rules
        ?? throw new LoyaltyException(LoyaltyError.NotFound("PROGRAM_NOT_FOUND",
            $"program '{this.GetPrimaryKeyString()}' does not exist"))));

    public Task<GrainReply<ProgramChange>> Change(IProgramCommand command) => GrainReplies.Run(async () =>
    {
        if (command is CreateProgram)
        {
            new RequestValidator().Add("command", "CreateProgram creates a program; it is not a change of one (use Create)").ThrowIfInvalid();
        }
        var e = await DecideAsync(command);
        return new ProgramChange(e, State.Rules!);
    });

    public Task<GrainReply<IReadOnlyList<ProgramEvent>>> History() => GrainReplies.Run(() => State.Rules is not null
        ? Task.FromResult(State.History)
        : throw new LoyaltyException(LoyaltyError.NotFound("PROGRAM_NOT_FOUND", $"program '{this.GetPrimaryKeyString()}' does not exist")));

    public Task<GrainReply<string>> GetPartnerReferralCode(string merchantId) => GrainReplies.Run(async () =>
    {
        var rules = State.Rules ?? throw new LoyaltyException(LoyaltyError.NotFound("PROGRAM_NOT_FOUND",
            $"program '{this.GetPrimaryKeyString()}' does not exist"));
        Domain.Coalitions.PartnerReferrals.CheckPartner(rules, merchantId, time.GetUtcNow());
        // Nothing is kept here: the first version whose code is free (or already the partner's) is the partner's, so
        // every call, on any silo, finds the same one.
        for (var version = 1; version <= Domain.Referrals.ReferralCodes.MaxAttempts; version++)
        {
            var code = Domain.Coalitions.PartnerReferrals.CodeOf(rules.ProgramId, merchantId, version);
            if (await GrainFactory.GetGrain<IReferralCodeGrain>(CardAliasKey.For(rules.ProgramId, code)).ClaimForPartner(merchantId))
            {
                return code;
            }
        }
        throw new InvalidOperationException($"No free referral code for partner '{merchantId}' after {Domain.Referrals.ReferralCodes.MaxAttempts} versions.");
    });

    public Task<CouponBatch?> FindCoupon(string code) => Task.FromResult(State.CouponBatch(code));

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
        var decision = new ProgramAdmin(State).Handle(command, time.GetUtcNow());
        if (decision.NewEvent is { } e)
        {
            await PersistAsync(e);
        }
        await broadcast.PublishAsync(State.Rules!);
        return decision.Result;
    }

    private Task PersistAsync(ProgramEvent e) => stream.AppendAsync([e]);
}
