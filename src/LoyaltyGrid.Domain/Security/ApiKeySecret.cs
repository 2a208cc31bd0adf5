using System.Security.Cryptography;
using System.Text;

namespace LoyaltyGrid.Domain.Security;

/// <summary>
/// The text of a key: <c>lg_{key_id}_{secret}</c>. The key id finds the stored key; the secret proves the caller has
/// it. Only the secret's SHA-256 is ever stored, and it is compared in constant time.
/// </summary>
public static class ApiKeySecret
{
    private const string Prefix = "lg_";

    /// <summary>A new key: its id, and the whole text to hand over once.</summary>
    public static (string KeyId, string Key) Generate()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (keyId, $"{Prefix}{keyId}_{secret}");
    }

    /// <summary>
    /// The key id and secret of a key's text. Text not in the <c>lg_</c> form can only be a configured bootstrap key,
    /// whose id derives from the text itself. Null for text no key could have.
    /// </summary>
    public static (string KeyId, string Secret)? Parse(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }
        var rest = key.StartsWith(Prefix, StringComparison.Ordinal) ? key[Prefix.Length..] : "";
        var underscore = rest.IndexOf('_');
        return underscore > 0 && underscore < rest.Length - 1
            ? (rest[..underscore], rest[(underscore + 1)..])
            : (BootstrapKeyId(key), key);
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether <paramref name="secret"/> is the key's: on every call, so it allocates nothing.</summary>
    public static bool Matches(ApiKey key, string secret)
    {
        if (secret.Length > 200)
        {
            return false; // no key's text is longer (Parse), and the UTF-8 below is on the stack
        }
        Span<byte> stored = stackalloc byte[32];
        if (Convert.FromHexString(key.SecretHash, stored, out _, out var storedLength) != System.Buffers.OperationStatus.Done
            || storedLength != stored.Length)
        {
            return false;
        }
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(secret.Length)];
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(secret, utf8)], hash);
        return CryptographicOperations.FixedTimeEquals(hash, stored);
    }

    /// <summary>The id a configured bootstrap key is stored under: derived from the key, so every silo and restart agree.</summary>
    public static string BootstrapKeyId(string key) => "boot" + Hash(key)[..12];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '.');
}
