using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Storage;

namespace LoyaltyGrid.Grains;

/// <summary>
/// A member's snapshot. A snapshot only shortens replay, so one of another schema version (written by an earlier
/// release, whose state had another shape) is ignored and the journal replayed from the start.
/// </summary>
public static class MemberSnapshot
{
    /// <summary>2: the compact state (open purchases, facts, month totals). Earlier snapshots had no version.</summary>
    public const int SchemaVersion = 2;

    public static string Write(MemberState state) => JournalJson.Serialize(new Envelope(SchemaVersion, state));

    public static MemberState? TryRead(string payload)
    {
        try
        {
            var envelope = JournalJson.Deserialize<Envelope>(payload);
            return envelope.V == SchemaVersion ? envelope.State : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed record Envelope(int V, MemberState? State);
}
