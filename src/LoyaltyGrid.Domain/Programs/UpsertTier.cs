namespace LoyaltyGrid.Domain.Programs;

public sealed record UpsertTier(string RequestId, string ProgramId, string Actor, TierDefinition Tier) : IProgramCommand
{
    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("tier.tier_id", Tier.TierId)
            .Text("tier.name", Tier.Name, Limits.MaxNameLength, required: true)
            .Range("tier.threshold", Tier.Threshold, 0, Limits.MaxThreshold)
            .Range("tier.earn_multiplier_percent", Tier.EarnMultiplierPercent, 100, Limits.MaxMultiplierPercent);
        if (Tier.Benefits.Count > Limits.MaxBenefits)
        {
            v.Add("tier.benefits", $"at most {Limits.MaxBenefits} benefits per tier");
        }
        for (var i = 0; i < Math.Min(Tier.Benefits.Count, Limits.MaxBenefits); i++)
        {
            v.Id($"tier.benefits[{i}]", Tier.Benefits[i]);
            if (Tier.Benefits.Take(i).Contains(Tier.Benefits[i], StringComparer.Ordinal))
            {
                v.Add($"tier.benefits[{i}]", $"'{Tier.Benefits[i]}' is already listed: name each benefit once");
            }
        }
        v.ThrowIfInvalid();
    }
}
