using System.Globalization;

namespace LoyaltyGrid.Domain.Profiles;

/// <summary>
/// What a contact field must look like. Deliberately shape checks, not deliverability: an address that looks right
/// is accepted; one that cannot be an address, a number or a date is refused with its field named.
/// </summary>
public static class ContactRules
{
    public const int MaxNameLength = 200;
    public const int MaxEmailLength = 254;
    public const int MaxLanguageLength = 35;
    public const int MaxTimeZoneLength = 64;

    /// <summary>The oldest a member can plausibly be, and how far back a consent can be dated.</summary>
    public const int MaxAgeYears = 130;

    public static void Check(RequestValidator v, UpdateProfile c, DateTimeOffset now)
    {
        if (c.Name is { Length: > 0 } name)
        {
            v.Text("name", name, MaxNameLength);
            if (name.Trim().Length == 0)
            {
                v.Add("name", "must not be only spaces; send \"\" to clear it");
            }
        }
        if (c.Email is { Length: > 0 } email && EmailProblem(email.Trim()) is { } emailProblem)
        {
            v.Add("email", emailProblem);
        }
        if (c.Phone is { Length: > 0 } phone && !IsE164(NormalisePhone(phone)))
        {
            v.Add("phone", "must be an international number in E.164 form: '+', the country code and 7-14 more digits (spaces, '-', '(' and ')' are ignored)");
        }
        if (c.BirthDate is { Length: > 0 } birth)
        {
            if (ParseDate(birth) is not { } date)
            {
                v.Add("birth_date", "must be a date as YYYY-MM-DD");
            }
            else if (date > DateOnly.FromDateTime(now.UtcDateTime).AddDays(1))
            {
                // A day of leeway: it is already tomorrow somewhere.
                v.Add("birth_date", "must not be in the future");
            }
            else if (date < DateOnly.FromDateTime(now.UtcDateTime).AddYears(-MaxAgeYears))
            {
                v.Add("birth_date", $"must be within the last {MaxAgeYears} years");
            }
        }
        if (c.PreferredLanguage is { Length: > 0 } language && !IsLanguageTag(language))
        {
            v.Add("preferred_language", $"must be a BCP 47 language tag such as 'de', 'en-GB' or 'zh-Hant-TW' (at most {MaxLanguageLength} characters)");
        }
        if (c.TimeZone is { Length: > 0 } zone && !IsIanaTimeZone(zone))
        {
            v.Add("time_zone", "must be an IANA time zone id such as 'Europe/Berlin' or 'UTC'");
        }
    }

    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The number without the separators people type: "+49 (30) 123-4567" is "+49301234567".</summary>
    public static string NormalisePhone(string phone) =>
        string.Concat(phone.Where(ch => ch is not (' ' or '-' or '(' or ')' or '.')));

    private static bool IsE164(string phone) =>
        phone.Length is >= 9 and <= 16 && phone[0] == '+' && phone[1] is >= '1' and <= '9' && phone.Skip(1).All(char.IsAsciiDigit);

    private static string? EmailProblem(string email)
    {
        if (email.Length > MaxEmailLength)
        {
            return $"must be at most {MaxEmailLength} characters, got {email.Length}";
        }
        var at = email.LastIndexOf('@');
        if (at <= 0 || at > 64 || at == email.Length - 1 || email.IndexOf('@') != at)
        {
            return "must be an address such as name@example.com (one '@', a name before it, a domain after it)";
        }
        if (email.Any(ch => char.IsWhiteSpace(ch) || char.IsControl(ch)))
        {
            return "must not contain spaces or control characters";
        }
        var labels = email[(at + 1)..].Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length is 0 or > 63 || l[0] == '-' || l[^1] == '-' || !l.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-')))
        {
            return "must have a domain such as example.com after the '@' (letters, digits and '-', dot-separated)";
        }
        return null;
    }

    /// <summary>BCP 47 in shape: a 2-3 letter language, then subtags of 1-8 letters or digits ("en", "pt-BR", "sr-Latn-RS").</summary>
    private static bool IsLanguageTag(string tag)
    {
        if (tag.Length > MaxLanguageLength)
        {
            return false;
        }
        var parts = tag.Split('-');
        return parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetter)
            && parts.Skip(1).All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }

    /// <summary>An IANA id this host knows ("Europe/Berlin", "UTC"); Windows ids ("W. Europe Standard Time", with spaces and dots) are not.</summary>
    public static bool IsIanaTimeZone(string zone) =>
        zone.Length <= MaxTimeZoneLength && zone.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '/' or '_' or '-' or '+')
        && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);
}
