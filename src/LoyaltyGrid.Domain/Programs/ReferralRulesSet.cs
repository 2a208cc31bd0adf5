namespace LoyaltyGrid.Domain.Programs;

/// <summary>The program's referral rules were set (both rewards 0: referrals turned off).</summary>
public sealed record ReferralRulesSet(ReferralRules Rules) : ProgramEvent;
