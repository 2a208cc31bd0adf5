using System.Security.Cryptography;
using System.Text;

namespace LoyaltyGrid.Domain.Referrals;

/// <summary>Referral codes: short, case-insensitive, unambiguous (Crockford base 32), derived from the owner and a version.</summary>
public static class ReferralCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public const int Length = 8;

    /// <summary>How many versions a member tries when a code is already another owner's (a hash collision, very rare).</summary>
    public const int MaxAttempts = 8;

    /// <summary>
    /// The member's code of <paramref name="version"/>: the same every time, so a retried or concurrent issue gives the
    /// same code; a new version (after expiry, or a collision) gives another.
    /// </summary>
    public static string Of(string programId, string ownerId, int version)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"referral-code\n{programId}\n{ownerId}\n{version}"));
        ulong bits = 0;
        for (var i = 0; i < 5; i++)
        {
            bits = (bits << 8) | digest[i];
        }
        var code = new char[Length];
        for (var i = Length - 1; i >= 0; i--)
        {
            code[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }
        return new string(code);
    }

    /// <summary>The code as typed, in its canonical form (upper case, O read as 0, I and L as 1), or null if it cannot be one.</summary>
    public static string? Normalise(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        var chars = code.Trim().ToUpperInvariant().Replace('O', '0').Replace('I', '1').Replace('L', '1').Replace("-", "", StringComparison.Ordinal);
        return chars.Length == Length && chars.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? chars : null;
    }
}
