using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Grains;
using Core = LoyaltyGrid.Domain.Profiles;
using Programs = LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Api;

/// <summary>Profile, consent and birthday-bonus messages to and from the domain. Enum values share their numbers.</summary>
public static class ProfileMapper
{
    public static Core.UpdateProfile ToDomain(this UpdateProfileRequest r) => new(
        r.RequestId, r.ProgramId, r.MemberId,
        r.HasName ? r.Name : null,
        r.HasEmail ? r.Email : null,
        r.HasPhone ? r.Phone : null,
        r.HasBirthDate ? r.BirthDate : null,
        r.HasPreferredLanguage ? r.PreferredLanguage : null,
        r.HasTimeZone ? r.TimeZone : null);

    public static Core.SetConsent ToDomain(this SetConsentRequest r) => new(
        r.RequestId, r.ProgramId, r.MemberId, (Core.ConsentChannel)(int)r.Channel, r.Granted, (Core.ConsentSource)(int)r.Source,
        r.OccurredAt.ToDomain("occurred_at"));

    public static PersonalProfile ToProto(this ProfileView view, string programId, string memberId)
    {
        var c = view.Contact;
        var profile = new PersonalProfile
        {
            ProgramId = programId,
            MemberId = memberId,
            Name = c.Name ?? "",
            Email = c.Email ?? "",
            Phone = c.Phone ?? "",
            BirthDate = c.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            PreferredLanguage = c.PreferredLanguage ?? "",
            TimeZone = c.TimeZone ?? "",
            UpdatedAt = view.UpdatedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        };
        profile.Consents.AddRange(view.Consents.Select(ToProto));
        return profile;
    }

    public static MarketingConsent ToProto(this Core.Consent c) => new()
    {
        Channel = (ConsentChannel)(int)c.Channel,
        Granted = c.Granted,
        At = Timestamp.FromDateTimeOffset(c.At),
        Source = (ConsentSource)(int)c.Source,
    };

    public static Programs.BirthdayBonus ToDomain(this BirthdayBonus b) => new(b.Points, (Programs.BirthdayWindow)(int)b.When);

    public static BirthdayBonus ToProto(this Programs.BirthdayBonus b) => new()
    {
        Points = b.Points,
        When = b.Points > 0 ? (BirthdayWindow)(int)b.When : BirthdayWindow.Unspecified,
    };
}
