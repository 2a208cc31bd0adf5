using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using Core = LoyaltyGrid.Domain.Security;

namespace LoyaltyGrid.Api;

/// <summary>API keys: issued, revoked and listed by the key directory on behalf of the calling key.</summary>
public sealed class AccessService(IGrainFactory grains) : Access.AccessBase
{
    public override async Task<IssueApiKeyResponse> IssueApiKey(IssueApiKeyRequest request, ServerCallContext context)
    {
        var role = request.Role switch
        {
            ApiRole.Admin => Core.ApiRole.Admin,
            ApiRole.ProgramAdmin => Core.ApiRole.ProgramAdmin,
            ApiRole.MerchantAdmin => Core.ApiRole.MerchantAdmin,
            ApiRole.Terminal => Core.ApiRole.Terminal,
            _ => throw ProtoMapper.Invalid("role", "is required: ADMIN, PROGRAM_ADMIN, MERCHANT_ADMIN or TERMINAL"),
        };
        var command = new Core.IssueApiKey(request.RequestId, request.Name, role,
            NullIfEmpty(request.ProgramId), NullIfEmpty(request.MerchantId), NullIfEmpty(request.StoreId))
        {
            MaxAdjustmentPoints = request.MaxAdjustmentPoints == 0 ? null : request.MaxAdjustmentPoints,
        };
        // A key for a program that does not exist would be refused by every call it makes; refuse it now instead
        // (after the request's own validation, so a malformed program_id is still INVALID_ARGUMENT).
        if (command.ProgramId is { } programId)
        {
            command.Validate();
            (await grains.GetGrain<IProgramGrain>(programId).Get()).Unwrap();
        }
        var issued = (await Directory.Issue(command, AccessInterceptor.Caller(context))).Unwrap();
        return new IssueApiKeyResponse { Key = ToProto(issued.Key), ApiKey = issued.Text };
    }

    public override async Task<RevokeApiKeyResponse> RevokeApiKey(RevokeApiKeyRequest request, ServerCallContext context)
    {
        var key = (await Directory.Revoke(request.RequestId, request.KeyId, AccessInterceptor.Caller(context))).Unwrap();
        return new RevokeApiKeyResponse { Key = ToProto(key) };
    }

    public override async Task<ListApiKeysResponse> ListApiKeys(ListApiKeysRequest request, ServerCallContext context)
    {
        new RequestValidator().Id("program_id", request.ProgramId, required: false).ThrowIfInvalid();
        var keys = await Directory.List(AccessInterceptor.Caller(context), NullIfEmpty(request.ProgramId));
        var response = new ListApiKeysResponse();
        response.Keys.AddRange(keys.Select(ToProto));
        return response;
    }

    private IKeyDirectoryGrain Directory => grains.GetGrain<IKeyDirectoryGrain>(KeyDirectoryGrain.Key);

    private static ApiKeyInfo ToProto(Core.ApiKey key) => new()
    {
        KeyId = key.KeyId,
        Name = key.Name,
        Role = key.Role switch
        {
            Core.ApiRole.Admin => ApiRole.Admin,
            Core.ApiRole.ProgramAdmin => ApiRole.ProgramAdmin,
            Core.ApiRole.MerchantAdmin => ApiRole.MerchantAdmin,
            _ => ApiRole.Terminal,
        },
        ProgramId = key.ProgramId ?? "",
        MerchantId = key.MerchantId ?? "",
        StoreId = key.StoreId ?? "",
        CreatedAt = Timestamp.FromDateTimeOffset(key.CreatedAt),
        CreatedBy = key.CreatedBy,
        RevokedAt = key.RevokedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        RevokedBy = key.RevokedBy ?? "",
        MaxAdjustmentPoints = key.MaxAdjustmentPoints ?? 0,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
