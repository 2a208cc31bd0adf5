namespace LoyaltyGrid.Domain.Programs;

public sealed record SetTierPolicy(string RequestId, string ProgramId, string Actor, TierPolicy Policy) : IProgramCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Range("window_months", Policy.WindowMonths, 1, 36)
        .Range("review_months", Policy.ReviewMonths, 1, 36)
        .Range("grace_days", Policy.GraceDays, 0, 365)
        .ThrowIfInvalid();
}
