using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Benefits;

/// <summary>The rules of publishing and retiring a program's shared benefits; <see cref="ProgramAdmin"/> calls them.</summary>
public static class BenefitAdmin
{
    /// <summary>Most benefits a program keeps (retired ones included): every checkout looks at each.</summary>
    public const int MaxBenefits = 500;

    public static ProgramEvent Decide(ProgramRules rules, IProgramCommand command, DateTimeOffset now) => command switch
    {
        PublishBenefit publish => Publish(rules, publish, now),
        RetireBenefit retire => Retire(rules, retire, now),
        _ => throw new ArgumentException($"Not a benefit command: {command.GetType().Name}.", nameof(command)),
    };

    private static BenefitPublished Publish(ProgramRules rules, PublishBenefit command, DateTimeOffset now)
    {
        if (rules.Benefit(command.BenefitId) is not null)
        {
            throw new LoyaltyException(LoyaltyError.AlreadyExists("BENEFIT_ALREADY_EXISTS",
                $"benefit '{command.BenefitId}' already exists in program '{command.ProgramId}'"));
        }
        if (rules.Benefits.Count >= MaxBenefits)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("TOO_MANY_BENEFITS",
                $"program '{command.ProgramId}' already has {MaxBenefits} benefits, its limit"));
        }
        var v = new RequestValidator();
        var tierIds = command.Target.Kind == TargetKind.Tiers ? command.Target.TierIds : [];
        for (var i = 0; i < tierIds.Count; i++)
        {
            if (rules.Tier(tierIds[i]) is null)
            {
                v.Add($"target.tier_ids[{i}]", $"program '{command.ProgramId}' has no tier '{tierIds[i]}' (UpsertTier creates it)");
            }
        }
        if (command.ValidUntil <= now)
        {
            v.Add("valid_until", "is in the past: the benefit would never apply");
        }
        ProgramRuleChecks.SegmentsExist(v, rules, "segment_ids", command.SegmentIds);
        v.ThrowIfInvalid();
        return new BenefitPublished(new Benefit(command.BenefitId, command.Name, command.Kind, command.PercentOff,
            command.AmountOffMinor, command.Service, command.BonusPoints, command.Target, command.ValidFrom ?? now, command.ValidUntil,
            command.MerchantIds, now, command.Actor) { SegmentIds = command.SegmentIds });
    }

    private static BenefitRetired Retire(ProgramRules rules, RetireBenefit command, DateTimeOffset now)
    {
        var benefit = rules.Benefit(command.BenefitId) ?? throw new LoyaltyException(LoyaltyError.NotFound(
            "BENEFIT_NOT_FOUND", $"program '{command.ProgramId}' has no benefit '{command.BenefitId}'"));
        if (benefit.EffectiveEnd <= now)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("BENEFIT_ALREADY_ENDED",
                $"benefit '{command.BenefitId}' ended at {benefit.EffectiveEnd:O}"));
        }
        return new BenefitRetired(command.BenefitId, now);
    }
}
