namespace LoyaltyGrid.Domain.Security;

/// <summary>
/// Every key ever issued, rebuilt from the directory's journal; decides issuing and revoking. Who may issue what:
/// a platform admin any key; a program admin keys of its program (not platform admin keys); a merchant admin
/// terminal keys of its merchant; a terminal none. Revoking a key needs the right to issue it.
/// </summary>
public sealed class KeyDirectory
{
    private readonly Dictionary<string, ApiKey> keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ApiKeyEvent> requests = new(StringComparer.Ordinal);

    public long Version { get; private set; }

    public ApiKey? Find(string keyId) => keys.GetValueOrDefault(keyId);

    public IEnumerable<ApiKey> Keys => keys.Values;

    public void Apply(ApiKeyEvent e, long sequence)
    {
        switch (e)
        {
            case ApiKeyIssued issued:
                keys[issued.Key.KeyId] = issued.Key;
                break;
            case ApiKeyRevoked revoked:
                keys[revoked.KeyId] = keys[revoked.KeyId] with { RevokedAt = e.RecordedAt, RevokedBy = e.Actor };
                break;
        }
        if (e.RequestId.Length > 0)
        {
            requests[e.RequestId] = e;
        }
        Version = sequence;
    }

    /// <summary>The event issuing a key with <paramref name="secretHash"/>, or a refusal. A request id already used is refused: a key is shown once.</summary>
    public ApiKeyIssued Issue(IssueApiKey command, ApiKey issuer, string keyId, string secretHash, DateTimeOffset now)
    {
        command.Validate();
        if (requests.ContainsKey(command.RequestId))
        {
            throw new LoyaltyException(LoyaltyError.AlreadyExists("KEY_ALREADY_ISSUED",
                $"request_id '{command.RequestId}' already issued a key, which was shown once; revoke it and issue a new one if it was lost"));
        }
        var key = new ApiKey(keyId, command.Name, command.Role, command.ProgramId, command.MerchantId, command.StoreId,
            secretHash, now, issuer.Actor) { MaxAdjustmentPoints = command.MaxAdjustmentPoints };
        CheckMayManage(issuer, key, "issue");
        // A key cannot hand out more than it may do itself.
        if (issuer.MaxAdjustmentPoints is { } own && command.Role is ApiRole.Admin or ApiRole.ProgramAdmin && !(key.MaxAdjustmentPoints <= own))
        {
            throw new LoyaltyException(new LoyaltyError(ErrorKind.PermissionDenied, "ADJUSTMENT_LIMIT_EXCEEDED",
                $"this key may adjust at most {own} points at once, so the keys it issues need max_adjustment_points of at most {own}"));
        }
        return new ApiKeyIssued(key) { RequestId = command.RequestId, Actor = issuer.Actor, RecordedAt = now };
    }

    /// <summary>The event revoking a key (null if it is already revoked: revoking twice changes nothing), or a refusal.</summary>
    public ApiKeyRevoked? Revoke(string requestId, string keyId, ApiKey caller, DateTimeOffset now)
    {
        new RequestValidator().RequestId("request_id", requestId).Id("key_id", keyId).ThrowIfInvalid();
        var key = Find(keyId) ?? throw new LoyaltyException(LoyaltyError.NotFound("KEY_NOT_FOUND", $"there is no key '{keyId}'"));
        CheckMayManage(caller, key, "revoke");
        return key.IsRevoked ? null : new ApiKeyRevoked(keyId) { RequestId = requestId, Actor = caller.Actor, RecordedAt = now };
    }

    /// <summary>The keys <paramref name="caller"/> may manage, optionally of one program.</summary>
    public IReadOnlyList<ApiKey> Visible(ApiKey caller, string? programId) =>
        keys.Values
            .Where(k => (programId is null || k.ProgramId == programId) && MayManage(caller, k))
            .OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal)
            .ToArray();

    public static bool MayManage(ApiKey caller, ApiKey key) => caller.Role switch
    {
        ApiRole.Admin => true,
        ApiRole.ProgramAdmin => key.Role != ApiRole.Admin && key.ProgramId == caller.ProgramId,
        ApiRole.MerchantAdmin => key.Role == ApiRole.Terminal && key.ProgramId == caller.ProgramId && key.MerchantId == caller.MerchantId,
        _ => false,
    };

    private static void CheckMayManage(ApiKey caller, ApiKey key, string action)
    {
        if (!MayManage(caller, key))
        {
            throw new LoyaltyException(new LoyaltyError(ErrorKind.PermissionDenied, "ROLE_NOT_ALLOWED",
                $"a {AccessPolicy.Describe(caller.Role)} key may not {action} a {AccessPolicy.Describe(key.Role)} key" +
                (key.ProgramId is { } p ? $" of program '{p}'" : "") + (key.MerchantId is { } m ? $", merchant '{m}'" : "")));
        }
    }
}
