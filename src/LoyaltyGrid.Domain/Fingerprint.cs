using System.Security.Cryptography;
using System.Text.Json;

namespace LoyaltyGrid.Domain;

/// <summary>
/// A short digest of a request's whole content. Two requests with one request_id are the same request
/// only if their fingerprints match; otherwise the second is refused with ALREADY_EXISTS.
/// </summary>
public static class Fingerprint
{
    public static string Of<T>(T request) where T : notnull
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request), hash);
        return Convert.ToBase64String(hash[..16]);
    }
}
