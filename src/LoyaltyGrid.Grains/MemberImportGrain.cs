using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace LoyaltyGrid.Grains;

/// <summary>
/// Imports members a batch at a time, without a grain call per member: the domain decides each member's first event,
/// and one <see cref="IEventStore.CreateStreamsAsync"/> writes every new member together with its card alias stream
/// (one transaction, so a crash never leaves a member without its alias or an alias without its member). A member or
/// alias that exists already is left as it is; the member is then reported unchanged if it is this same import, and
/// failed otherwise.
/// </summary>
/// <remarks>
/// Grains already active for an imported member or alias knew the stream as empty. They do not keep that answer:
/// <see cref="MemberGrain"/> and <see cref="CardAliasGrain"/> re-read their stream before answering "not enrolled" or
/// "free", and an append they make at sequence 1 would conflict with the imported event in any case.
/// </remarks>
[StatelessWorker]
public sealed class MemberImportGrain(
    IEventStore store,
    IProgramRulesCache programs,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time) : Grain, IMemberImportGrain
{
    public Task<GrainReply<ImportBatchOutcome>> Import(ImportMember[] members) => GrainReplies.Run(async () =>
    {
        var programId = this.GetPrimaryKeyString();
        var rules = await programs.GetAsync(programId);
        var now = time.GetUtcNow();
        var result = new Tally();
        // A member or alias named twice in the batch waits for the next round, which sees the first one written.
        var round = Enumerable.Range(0, members.Length).ToList();
        while (round.Count > 0)
        {
            var next = new List<int>();
            var named = new HashSet<string>(StringComparer.Ordinal);
            var decided = new List<(int Position, StreamCreation Creation)>();
            foreach (var position in round)
            {
                var member = members[position];
                var violations = MemberImport.Check(member, rules, now);
                if (violations.Count > 0)
                {
                    var invalid = LoyaltyError.Invalid(violations);
                    result.Fail(position, member, invalid.Reason, invalid.Message, violations);
                    continue;
                }
                var creation = Creation(MemberImport.Decide(member, rules, now), rules, now);
                if (!creation.Streams.All(s => named.Add(s.StreamId)))
                {
                    next.Add(position);
                    continue;
                }
                decided.Add((position, creation));
            }
            var written = await store.CreateStreamsAsync(decided.ConvertAll(d => d.Creation), CancellationToken.None);
            for (var i = 0; i < decided.Count; i++)
            {
                var (position, creation) = decided[i];
                if (written[i].Created)
                {
                    result.Imported++;
                }
                else if (written[i].ExistingFirstPayloads[0] is { } existing)
                {
                    Resolve(result, position, members[position], existing);
                }
                else
                {
                    await ClaimAliasThenCreateAsync(result, position, members[position], creation);
                }
            }
            round = next;
        }
        return new ImportBatchOutcome(result.Imported, result.Unchanged, result.Failures);
    });

    /// <summary>The member's stream (its first event, and its first due time) and, with a card, the alias stream naming it.</summary>
    private static StreamCreation Creation(MemberImported imported, ProgramRules rules, DateTimeOffset now)
    {
        var state = new MemberState();
        state.Apply(imported, 1);
        var due = state.NextDue(rules);
        var member = new StreamAppend(
            MemberKey.StreamOf(MemberKey.For(imported.ProgramId, imported.MemberId)), 1, [Payloads.Member(imported)],
            due is null ? null : new WakeUp(due));
        return imported.CardAlias is { } alias
            ? new StreamCreation([member, new StreamAppend(CardAliasKey.StreamOf(CardAliasKey.For(imported.ProgramId, alias)), 1,
                [Payloads.CardAlias(new CardAliasOwnerChanged(imported.MemberId, now))])])
            : new StreamCreation([member]);
    }

    /// <summary>The member exists: unchanged if it is this import sent again, else a failure.</summary>
    private static void Resolve(Tally result, int position, ImportMember member, byte[] existingFirstPayload)
    {
        if (Payloads.ReadMember(existingFirstPayload) is MemberImported imported)
        {
            var differences = MemberImport.Differences(imported, member);
            if (differences.Count == 0)
            {
                result.Unchanged++;
                return;
            }
            result.Fail(position, member, "MEMBER_ALREADY_ENROLLED",
                $"member '{member.MemberId}' was already imported into program '{member.ProgramId}' (import '{imported.ImportId}') " +
                $"with a different {string.Join(", ", differences)}; an import never overwrites a member");
            return;
        }
        result.Fail(position, member, "MEMBER_ALREADY_ENROLLED",
            $"member '{member.MemberId}' is already enrolled in program '{member.ProgramId}'; an import never overwrites a member");
    }

    /// <summary>
    /// The member is new but its card alias stream exists: taken by another member, or freed, or held by this member
    /// after an enrolment that did not finish. The alias grain knows which; this rare case goes through it, as an
    /// enrolment does (claim, write the member, give the alias back if the member could not be written).
    /// </summary>
    private async Task ClaimAliasThenCreateAsync(Tally result, int position, ImportMember member, StreamCreation creation)
    {
        var card = GrainFactory.GetGrain<ICardAliasGrain>(CardAliasKey.For(member.ProgramId, member.CardAlias!));
        var claim = await card.Claim(member.MemberId);
        if (claim.Error is { } taken)
        {
            result.Fail(position, member, taken.Reason, taken.Message);
            return;
        }
        var written = (await store.CreateStreamsAsync([new StreamCreation([creation.Streams[0]])], CancellationToken.None))[0];
        if (written.Created)
        {
            result.Imported++;
            return;
        }
        if (claim.Value)
        {
            await card.Release(member.MemberId);
        }
        Resolve(result, position, member, written.ExistingFirstPayloads[0]!);
    }

    /// <summary>
    /// How the import writes and reads journal payloads, the same as the member and alias grains do. The one place to
    /// change with the stored format.
    /// </summary>
    private static class Payloads
    {
        public static byte[] Member(MemberImported imported) => MemberEventCodec.Instance.Encode(imported);

        public static byte[] CardAlias(CardAliasOwnerChanged change) => CardAliasEventCodec.Instance.Encode(change);

        public static MemberEvent ReadMember(byte[] payload) => MemberEventCodec.Instance.Decode(payload);
    }

    private sealed class Tally
    {
        public int Imported { get; set; }

        public int Unchanged { get; set; }

        public List<MemberImportFailure> Failures { get; } = [];

        public void Fail(int position, ImportMember member, string reason, string message, IReadOnlyList<FieldViolation>? violations = null) =>
            Failures.Add(new MemberImportFailure(position, member.MemberId ?? "", reason, message, violations ?? []));
    }
}
