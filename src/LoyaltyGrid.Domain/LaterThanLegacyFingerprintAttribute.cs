namespace LoyaltyGrid.Domain;

/// <summary>
/// Marks a property added after fingerprints were digests of a command's C# JSON (<see cref="Fingerprint.Legacy"/>): that
/// digest leaves it out while it is empty or at its default, so a retry of a request recorded then still matches.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LaterThanLegacyFingerprintAttribute : Attribute;
