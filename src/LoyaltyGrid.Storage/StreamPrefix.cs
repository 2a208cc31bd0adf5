using System.Text;

namespace LoyaltyGrid.Storage;

/// <summary>
/// Turns "stream ids starting with p" into a range [p, upper) that a B-tree index on stream ids answers directly,
/// without LIKE and its escaping. Both backends compare stream ids byte by byte in UTF-8 (SQLite's BINARY, PostgreSQL's
/// COLLATE "C"), which is the order of Unicode code points, so the range holds exactly the ids with the prefix.
/// </summary>
public static class StreamPrefix
{
    /// <summary>
    /// The least string greater than every string that starts with <paramref name="prefix"/>: the prefix with its last
    /// code point incremented (dropping trailing U+10FFFF ones). Null when there is none (empty prefix, or only U+10FFFF).
    /// </summary>
    public static string? UpperBound(string prefix)
    {
        if (prefix.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') && !Utf8Encodable(prefix))
        {
            throw new ArgumentException("A stream prefix must be well-formed UTF-16 (no lone surrogates).", nameof(prefix));
        }
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last == 0x10FFFF)
            {
                continue;
            }
            var upper = new StringBuilder(prefix.Length + 1);
            foreach (var rune in runes)
            {
                upper.Append(rune.ToString());
            }
            // Surrogate code points are not characters: the next one after U+D7FF is U+E000.
            return upper.Append(new Rune(last + 1 == 0xD800 ? 0xE000 : last + 1).ToString()).ToString();
        }
        return null;
    }

    private static bool Utf8Encodable(string value)
    {
        try
        {
            _ = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetByteCount(value);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }
}
