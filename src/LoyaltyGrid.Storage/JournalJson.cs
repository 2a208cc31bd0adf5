using System.Text.Json;

namespace LoyaltyGrid.Storage;

/// <summary>How journal events and snapshots are written: compact JSON, stable across releases.</summary>
public static class JournalJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        WriteIndented = false,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"Journal entry is not a {typeof(T).Name}: {json}");
}
