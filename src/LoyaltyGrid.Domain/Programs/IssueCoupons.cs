namespace LoyaltyGrid.Domain.Programs;

/// <param name="MemberId">When set, the codes can be used only by this member.</param>
/// <param name="ValidFrom">Null: from now.</param>
/// <param name="ValidUntil">Null: until the promotion ends.</param>
public sealed record IssueCoupons(
    string RequestId,
    string ProgramId,
    string Actor,
    string PromotionId,
    int Count,
    string? MemberId,
    int MaxUsesPerCode,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidUntil) : IProgramCommand
{
    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("promotion_id", PromotionId)
            .Range("count", Count, 1, Limits.MaxCouponsPerBatch)
            .Id("member_id", MemberId, required: false)
            .Range("max_uses_per_code", MaxUsesPerCode, 1, 1_000_000);
        if (ValidFrom is { } from && ValidUntil is { } until && until <= from)
        {
            v.Add("valid_until", $"must be after valid_from ({from:O})");
        }
        v.ThrowIfInvalid();
    }
}
