namespace LoyaltyGrid.Domain.Programs;

/// <summary>Gives the program referral rules, replaces them, or (both rewards 0) turns referrals off.</summary>
public sealed record SetReferralRules(string RequestId, string ProgramId, string Actor, ReferralRules Rules) : IProgramCommand
{
    public void Validate()
    {
        var v = new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId)
            .Range("referral_rules.referrer_points", Rules.ReferrerPoints, 0, Limits.MaxBonusPoints)
            .Range("referral_rules.referee_points", Rules.RefereePoints, 0, Limits.MaxBonusPoints)
            .Range("referral_rules.min_purchase_minor", Rules.MinPurchaseMinor, 1, Limits.MaxThreshold)
            .Range("referral_rules.max_referrals_per_period", Rules.MaxPerPeriod, 0, 10_000)
            .Range("referral_rules.code_valid_days", Rules.CodeValidDays, 0, 3660);
        if (Rules.MaxPerPeriod > 0)
        {
            v.Range("referral_rules.period_days", Rules.PeriodDays, 1, 366);
        }
        else if (Rules.PeriodDays != 0)
        {
            v.Add("referral_rules.period_days", "is for a cap: set max_referrals_per_period too, or leave it 0");
        }
        v.ThrowIfInvalid();
    }
}
