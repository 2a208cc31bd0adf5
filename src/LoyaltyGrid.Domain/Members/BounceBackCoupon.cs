using System.Security.Cryptography;
using System.Text;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// A coupon a purchase earned the member for a later visit (a bounce-back promotion). The member keeps it until it is
/// used, voided by a return of <see cref="TransactionId"/> that leaves its kept qualifying spend below
/// <see cref="MinKeptMinor"/>, or past <see cref="ValidUntil"/>.
/// </summary>
public sealed record BounceBackCoupon(
    string Code,
    string PromotionId,
    string TransactionId,
    long DiscountPercent,
    long DiscountMinor,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    long MinKeptMinor)
{
    private const string Prefix = "BB-";
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    /// <summary>Whether <paramref name="code"/> is a bounce-back code: only the member's own state knows it, no coupon batch.</summary>
    public static bool IsCode(string code) => code.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// The code of the coupon <paramref name="promotionId"/> gives for <paramref name="transactionId"/>: 16 characters
    /// (about 79 bits) of a digest of the two, so it is unique to them, and the same on every replay.
    /// </summary>
    public static string CodeFor(string programId, string transactionId, string promotionId)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"loyaltygrid.bounce-back/{programId}/{transactionId}/{promotionId}"));
        var code = new StringBuilder(Prefix, Prefix.Length + 19);
        for (var i = 0; i < 16; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                code.Append('-');
            }
            code.Append(Alphabet[(int)(BitConverter.ToUInt16(digest, i * 2) % Alphabet.Length)]);
        }
        return code.ToString();
    }
}
