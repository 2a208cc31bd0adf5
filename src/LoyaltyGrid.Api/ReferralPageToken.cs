using System.Globalization;
using System.Text;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Storage.Insights;

namespace LoyaltyGrid.Api;

/// <summary>A page token of ListProgramReferrals: the last row's time (unix ms) and id, base64url; opaque to clients, stable across silos.</summary>
public static class ReferralPageToken
{
    public static string Of(ReferralCursor cursor) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{cursor.ReferredAt.ToUnixTimeMilliseconds()}:{cursor.ReferralId}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The cursor in <paramref name="token"/>, or null with a violation on page_token added to <paramref name="v"/>.</summary>
    public static ReferralCursor? Parse(RequestValidator v, string token)
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
                return new ReferralCursor(DateTimeOffset.FromUnixTimeMilliseconds(ms), text[(colon + 1)..]);
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
        {
        }
        v.Add("page_token", "is not a token this method returned; leave it empty for the first page");
        return null;
    }
}
