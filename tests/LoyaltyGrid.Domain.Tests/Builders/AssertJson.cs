using System.Text.Json;

namespace LoyaltyGrid.Domain.Tests.Builders;

/// <summary>
/// Compares events by content. Records compare their list-valued properties by reference, so two events with
/// equal lines would differ; their JSON (what the journal stores) does not.
/// </summary>
public static class AssertJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static void Equal<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize<object?>(expected, Options), JsonSerializer.Serialize<object?>(actual, Options));
}
