using System.Security.Cryptography;
using System.Text;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Digests of the member's email and phone, told by its profile (null: none), so referral rules can tell two members
/// with the same contact apart from two people without keeping the contact itself in the points journal. Erasing the
/// profile clears them.
/// </summary>
public sealed record ContactDigestsChanged(string? EmailDigest, string? PhoneDigest) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;

    /// <summary>The digest of one contact value in a program: SHA-256 of the program and the normalised value, base 64; null for none.</summary>
    public static string? Of(string programId, string kind, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
            : Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"contact\n{programId}\n{kind}\n{value.Trim().ToLowerInvariant()}")));
}
