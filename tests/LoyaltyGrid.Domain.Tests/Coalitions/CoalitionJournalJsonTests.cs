using System.Text.Json;
using System.Text.Json.Serialization;
using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Programs;
using static LoyaltyGrid.Domain.Tests.Coalitions.CoalitionProgram;

namespace LoyaltyGrid.Domain.Tests.Coalitions;

/// <summary>Coalition changes are program events: the journal stores them as JSON of <see cref="ProgramEvent"/>.</summary>
public sealed class CoalitionJournalJsonTests
{
    // The options of LoyaltyGrid.Storage's JournalJson (this project does not reference the storage layer).
    private static readonly JsonSerializerOptions Journal = new(JsonSerializerDefaults.General)
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    [Fact]
    public void Coalition_events_round_trip_and_replay_to_the_same_rules()
    {
        var coalition = new CoalitionProgram()
            .Update(Terms("books", 1_300, 1_150), effectiveFrom: At(6, 1))
            .Remove("cafe", effectiveFrom: At(7, 1))
            .Value(1_100);
        var program = coalition.Program;

        var replayed = new ProgramState();
        for (var sequence = 1; sequence <= program.State.Version; sequence++)
        {
            var e = sequence == 1 ? program.State.Request("req-program")! : program.State.Request($"admin-req-{sequence - 1}")!;
            var json = JsonSerializer.Serialize(e, Journal);
            var back = JsonSerializer.Deserialize<ProgramEvent>(json, Journal)!;
            Assert.Equal(e.GetType(), back.GetType());
            Assert.Equal(json, JsonSerializer.Serialize(back, Journal));
            replayed.Apply(back, sequence);
        }

        Assert.Equal(
            ["CoalitionConfigured", "PartnerJoined", "PartnerRemoved", "PartnerTermsUpdated", "ProgramCreated"],
            Enumerable.Range(1, (int)program.State.Version)
                .Select(s => (s == 1 ? program.State.Request("req-program")! : program.State.Request($"admin-req-{s - 1}")!).GetType().Name)
                .Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(JsonSerializer.Serialize(program.Rules, Journal), JsonSerializer.Serialize(replayed.Rules, Journal));
        Assert.Equal(
            JsonSerializer.Serialize(program.Rules, Journal),
            JsonSerializer.Serialize(JsonSerializer.Deserialize<ProgramRules>(JsonSerializer.Serialize(program.Rules, Journal), Journal), Journal));
    }
}
