namespace LoyaltyGrid.Domain.Members;

public sealed record MemberEnrolled(string ProgramId, string MemberId, string? CardAlias) : MemberEvent
{
    public override Balance ApplyTo(Balance before) => before;
}
