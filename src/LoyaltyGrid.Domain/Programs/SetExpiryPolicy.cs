namespace LoyaltyGrid.Domain.Programs;

public sealed record SetExpiryPolicy(string RequestId, string ProgramId, string Actor, ExpiryPolicy Policy) : IProgramCommand
{
    public void Validate()
    {
        var v = new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId);
        if (Policy.Kind != ExpiryKind.Never)
        {
            if (Policy.Days != 0 && Policy.Months != 0)
            {
                v.Add("days", "give months or days, not both");
            }
            else if (Policy.Days != 0)
            {
                v.Range("days", Policy.Days, 1, Limits.MaxExpiryDays);
            }
            else
            {
                v.Range("months", Policy.Months, 1, Limits.MaxExpiryMonths);
            }
            if (!Enum.IsDefined(Policy.PeriodEnd))
            {
                v.Add("period_end", $"{(int)Policy.PeriodEnd} is not a known value");
            }
        }
        v.ThrowIfInvalid();
    }
}
