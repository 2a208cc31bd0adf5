namespace LoyaltyGrid.Domain.Members;

public sealed record MemberEnrolled(string ProgramId, string MemberId, string? CardAlias) : MemberEvent
{
    /// <summary>Where the member joined, if the enrolment said.</summary>
    public string? MerchantId { get; init; }

    public string? StoreId { get; init; }

    public string? TerminalId { get; init; }

    public override Balance ApplyTo(Balance before) => before;
}
