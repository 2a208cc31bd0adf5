using System.Globalization;
using System.Text;
using LoyaltyGrid.Domain;

namespace LoyaltyGrid.Api;

/// <summary>
/// A page token of a list ordered by time then id (ListFeedback, ListProgramReferrals): the last row's time (unix ms)
/// and id, base64url; opaque to clients, stable across silos.
/// </summary>
public static class TimeIdPageToken
{
    public static string Of(DateTimeOffset at, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{at.ToUnixTimeMilliseconds()}:{id}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The time and id in <paramref name="token"/>, or null with a violation on page_token added to <paramref name="v"/>.</summary>
    public static (DateTimeOffset At, string Id)? Parse(RequestValidator v, string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            var colon = text.IndexOf(':');
            if (colon > 0 && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                && colon < text.Length - 1)
            {
                return (DateTimeOffset.FromUnixTimeMilliseconds(ms), text[(colon + 1)..]);
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
        {
        }
        v.Add("page_token", "is not a token this method returned; leave it empty for the first page");
        return null;
    }
}
