using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Security;

/// <summary>A change to the key directory; also its audit entry (who, what, when).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ApiKeyIssued), "issued")]
[JsonDerivedType(typeof(ApiKeyRevoked), "revoked")]
public abstract record ApiKeyEvent
{
    public string RequestId { get; init; } = "";
    public string Actor { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
}
