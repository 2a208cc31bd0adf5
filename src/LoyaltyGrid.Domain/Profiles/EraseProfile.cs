namespace LoyaltyGrid.Domain.Profiles;

/// <summary>
/// Clears a member's contact details and consents at the member's request (a privacy request), recorded with who
/// asked. The points are not touched; the birthday is forgotten by them too.
/// </summary>
public sealed record EraseProfile(string RequestId, string ProgramId, string MemberId, string Actor) : IProfileCommand
{
    public void Validate(DateTimeOffset now) =>
        new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId).Id("member_id", MemberId).ThrowIfInvalid();
}
