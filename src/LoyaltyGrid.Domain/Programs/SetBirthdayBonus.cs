namespace LoyaltyGrid.Domain.Programs;

/// <summary>Gives the program a birthday bonus, replaces it, or (0 points) turns it off.</summary>
public sealed record SetBirthdayBonus(string RequestId, string ProgramId, string Actor, BirthdayBonus Bonus) : IProgramCommand
{
    public void Validate()
    {
        var v = new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId)
            .Range("birthday_bonus.points", Bonus.Points, 0, Limits.MaxBonusPoints);
        if (Bonus.Points > 0 && !Enum.IsDefined(Bonus.When))
        {
            v.Add("birthday_bonus.when", "is required: BIRTHDAY_WINDOW_DAY or BIRTHDAY_WINDOW_MONTH");
        }
        v.ThrowIfInvalid();
    }
}
