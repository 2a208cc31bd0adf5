using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LoyaltyGrid.Storage;

/// <summary>
/// The JSON of the journal's C# types. Rows written before the versioned format (LoyaltyGrid.Storage.Formats) are this
/// JSON with no header, and program events are still this JSON inside a "json v1" envelope.
/// </summary>
public static class JournalJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        WriteIndented = false,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyCollections } },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>
    /// Leaves out empty lists and dictionaries that have a default of their own (an initialised, optional, non
    /// constructor property): most of a purchase's rule outcomes are empty, and every byte of a journal row is
    /// written, fsynced and (over 2 KB) compressed.
    /// </summary>
    private static void OmitEmptyCollections(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.AssociatedParameter is null && !property.IsRequired && property.PropertyType != typeof(string)
                && typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = static (_, value) => value is not System.Collections.ICollection { Count: 0 };
            }
        }
    }

    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize<T>(utf8Json, Options) ?? throw new InvalidDataException($"Journal entry is not a {typeof(T).Name}.");

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"Journal entry is not a {typeof(T).Name}: {json}");
}
