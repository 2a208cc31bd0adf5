using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace LoyaltyGrid.Grains;

/// <summary>
/// Imports past purchases a batch at a time, without a grain call per purchase or per member: the domain checks each
/// purchase, the member's journal is looked at only to see that the member exists (its first event), and one
/// <see cref="IEventStore.CreateStreamsAsync"/> writes every new purchase in its own stream, in one transaction. The
/// member's grain and state are not touched: the history feeds insights (the projection reads these streams), not
/// balances or tiers, and the member's state stays bounded by what the member does in the program.
/// </summary>
[StatelessWorker]
public sealed class PurchaseHistoryImportGrain(
    IEventStore store,
    IProgramRulesCache programs,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time) : Grain, IPurchaseHistoryImportGrain
{
    public Task<GrainReply<PurchaseImportOutcome>> Import(ImportHistoricalPurchase[] purchases) => GrainReplies.Run(async () =>
    {
        var programId = this.GetPrimaryKeyString();
        var rules = await programs.GetAsync(programId);
        var now = time.GetUtcNow();
        var imported = 0;
        var unchanged = 0;
        var failures = new List<PurchaseImportFailure>();
        void Fail(int position, string reason, string message, IReadOnlyList<FieldViolation>? violations = null) => failures.Add(
            new PurchaseImportFailure(position, purchases[position].MemberId ?? "", purchases[position].PurchaseId ?? "", reason, message, violations ?? []));

        var valid = new List<int>();
        for (var position = 0; position < purchases.Length; position++)
        {
            var violations = PurchaseHistoryImport.Check(purchases[position], rules, now);
            if (violations.Count > 0)
            {
                var invalid = LoyaltyError.Invalid(violations);
                Fail(position, invalid.Reason, invalid.Message, violations);
                continue;
            }
            valid.Add(position);
        }
        var members = await ExistingMembersAsync(programId, valid.Select(p => purchases[p].MemberId).Distinct(StringComparer.Ordinal));
        // A purchase id named twice in the batch waits for the next round, which finds the first one written.
        var round = new List<int>();
        foreach (var position in valid)
        {
            if (members.Contains(purchases[position].MemberId))
            {
                round.Add(position);
            }
            else
            {
                Fail(position, "MEMBER_NOT_FOUND",
                    $"member '{purchases[position].MemberId}' is not enrolled in program '{programId}'; import the members first (ImportMembers)");
            }
        }
        while (round.Count > 0)
        {
            var next = new List<int>();
            var named = new HashSet<string>(StringComparer.Ordinal);
            var decided = new List<(int Position, StreamCreation Creation)>();
            foreach (var position in round)
            {
                var purchase = purchases[position];
                var stream = PurchaseHistoryKey.StreamOf(programId, purchase.PurchaseId);
                if (!named.Add(stream))
                {
                    next.Add(position);
                    continue;
                }
                var e = PurchaseHistoryImport.Decide(purchase, rules, now);
                decided.Add((position, new StreamCreation([new StreamAppend(stream, 1, [MemberEventCodec.Instance.Encode(e)])])));
            }
            var written = await store.CreateStreamsAsync(decided.ConvertAll(d => d.Creation), CancellationToken.None);
            for (var i = 0; i < decided.Count; i++)
            {
                var position = decided[i].Position;
                if (written[i].Created)
                {
                    imported++;
                    continue;
                }
                var existing = (HistoricalPurchaseImported)MemberEventCodec.Instance.Decode(written[i].ExistingFirstPayloads[0]!);
                var differences = PurchaseHistoryImport.Differences(existing, purchases[position]);
                if (differences.Count == 0)
                {
                    unchanged++;
                }
                else
                {
                    Fail(position, "PURCHASE_ALREADY_IMPORTED",
                        $"purchase '{existing.PurchaseId}' was already imported (import '{existing.ImportId}') with a different " +
                        $"{string.Join(", ", differences)}; an import never overwrites a purchase");
                }
            }
            round = next;
        }
        failures.Sort((a, b) => a.Position.CompareTo(b.Position));
        return new PurchaseImportOutcome(imported, unchanged, failures);
    });

    /// <summary>The members of <paramref name="memberIds"/> whose journal has a first event, read a few at a time.</summary>
    private async Task<HashSet<string>> ExistingMembersAsync(string programId, IEnumerable<string> memberIds)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in memberIds.Chunk(16))
        {
            var found = await Task.WhenAll(chunk.Select(async memberId =>
                (memberId, (await store.ReadBackwardAsync(MemberKey.StreamOf(MemberKey.For(programId, memberId)), 2, 1, CancellationToken.None)).Count > 0)));
            existing.UnionWith(found.Where(f => f.Item2).Select(f => f.memberId));
        }
        return existing;
    }
}
