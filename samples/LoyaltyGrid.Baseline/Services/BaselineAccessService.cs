using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.Baseline.Services;

/// <summary>The baseline checks no API keys: IssueApiKey hands out a placeholder that every call may carry.</summary>
public sealed class BaselineAccessService : Access.AccessBase
{
    public override Task<IssueApiKeyResponse> IssueApiKey(IssueApiKeyRequest request, ServerCallContext context) =>
        Task.FromResult(new IssueApiKeyResponse
        {
            ApiKey = "baseline-accepts-any-key",
            Key = new ApiKeyInfo
            {
                KeyId = "baseline",
                Name = request.Name,
                Role = request.Role,
                ProgramId = request.ProgramId,
                MerchantId = request.MerchantId,
                StoreId = request.StoreId,
            },
        });
}
