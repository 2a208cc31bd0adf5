using System.Security.Cryptography;
using System.Text.Json;

namespace LoyaltyGrid.Domain;

/// <summary>
/// A short digest of a request's whole content. Two requests with one request_id are the same request
/// only if their fingerprints match; otherwise the second is refused with ALREADY_EXISTS.
/// </summary>
public static class Fingerprint
{
    /// <summary>Digest of the request's kind and every field: a void never passes for a capture of the same hold.</summary>
    public static string Of(object request)
    {
        var kind = System.Text.Encoding.UTF8.GetBytes(request.GetType().FullName + "\n");
        var content = JsonSerializer.SerializeToUtf8Bytes(request, request.GetType());
        Span<byte> hash = stackalloc byte[32];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(kind);
        sha.AppendData(content);
        sha.GetHashAndReset(hash);
        return Convert.ToBase64String(hash[..16]);
    }
}
