namespace LoyaltyGrid.Domain.Programs;

/// <summary>Sets the enrolment and the marketing-consent bonus (both replaced; 0 turns one off).</summary>
public sealed record SetEngagementBonuses(string RequestId, string ProgramId, string Actor, EngagementBonuses Bonuses) : IProgramCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Range("enrolment_bonus_points", Bonuses.EnrolmentPoints, 0, Limits.MaxBonusPoints)
        .Range("consent_bonus_points", Bonuses.ConsentPoints, 0, Limits.MaxBonusPoints)
        .ThrowIfInvalid();
}
