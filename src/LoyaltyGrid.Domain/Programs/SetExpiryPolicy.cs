namespace LoyaltyGrid.Domain.Programs;

public sealed record SetExpiryPolicy(string RequestId, string ProgramId, string Actor, ExpiryPolicy Policy) : IProgramCommand
{
    public void Validate()
    {
        var v = new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId);
        if (Policy.Kind != ExpiryKind.Never)
        {
            v.Range("months", Policy.Months, 1, Limits.MaxExpiryMonths);
        }
        v.ThrowIfInvalid();
    }
}
