namespace LoyaltyGrid.Domain.Profiles;

/// <summary>
/// Changes some of a member's contact details. Each field: null leaves it as it is, "" clears it, anything else
/// replaces it (after <see cref="ContactRules"/> accepts it). <see cref="BirthDate"/> is ISO 8601, YYYY-MM-DD.
/// </summary>
public sealed record UpdateProfile(
    string RequestId,
    string ProgramId,
    string MemberId,
    string? Name = null,
    string? Email = null,
    string? Phone = null,
    string? BirthDate = null,
    string? PreferredLanguage = null,
    string? TimeZone = null) : IProfileCommand
{
    public void Validate(DateTimeOffset now)
    {
        var v = new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId).Id("member_id", MemberId);
        ContactRules.Check(v, this, now);
        v.ThrowIfInvalid();
    }

    /// <summary>The details after this change; call only once <see cref="Validate"/> has passed.</summary>
    public ContactDetails ApplyTo(ContactDetails before) => new(
        Changed(Name, before.Name, n => n.Trim()),
        Changed(Email, before.Email, e => e.Trim()),
        Changed(Phone, before.Phone, ContactRules.NormalisePhone),
        BirthDate is null ? before.BirthDate : BirthDate.Length == 0 ? null : ContactRules.ParseDate(BirthDate),
        Changed(PreferredLanguage, before.PreferredLanguage, l => l),
        Changed(TimeZone, before.TimeZone, z => z));

    /// <summary>Whether the change names the birth date (set or cleared), so the member's birthday is told.</summary>
    public bool TouchesBirthDate => BirthDate is not null;

    private static string? Changed(string? requested, string? before, Func<string, string> normalise) =>
        requested is null ? before : requested.Length == 0 ? null : normalise(requested);
}
