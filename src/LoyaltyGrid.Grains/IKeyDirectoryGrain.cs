using LoyaltyGrid.Domain.Security;

namespace LoyaltyGrid.Grains;

/// <summary>Every API key, stored as hashes, with its audit trail. One grain (key <see cref="KeyDirectoryGrain.Key"/>).</summary>
[Alias("lg.IKeyDirectoryGrain")]
public interface IKeyDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Issues a key on behalf of <paramref name="issuer"/>; the answer carries the key's text, shown this once.</summary>
    [Alias("Issue")]
    Task<GrainReply<IssuedKey>> Issue(IssueApiKey command, ApiKey issuer);

    /// <summary>Revokes a key and tells every silo before answering, so it stops working everywhere at once.</summary>
    [Alias("Revoke")]
    Task<GrainReply<ApiKey>> Revoke(string requestId, string keyId, ApiKey caller);

    [Alias("Find")]
    Task<ApiKey?> Find(string keyId);

    /// <summary>The keys <paramref name="caller"/> may manage, of one program or all.</summary>
    [Alias("List")]
    Task<IReadOnlyList<ApiKey>> List(ApiKey caller, string? programId);

    /// <summary>
    /// Makes sure a platform admin key exists to start with: the configured one (null answer), or, where none is
    /// configured and none was ever made, a new one whose text is returned to be printed once.
    /// </summary>
    [Alias("EnsureBootstrap")]
    Task<string?> EnsureBootstrap(string? configuredKey);
}
