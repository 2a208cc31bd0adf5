namespace LoyaltyGrid.Domain;

/// <summary>Collects every field violation of a request, so a client learns all its mistakes at once.</summary>
public sealed class RequestValidator
{
    private readonly List<FieldViolation> violations = [];

    public RequestValidator Add(string field, string description)
    {
        violations.Add(new FieldViolation(field, description));
        return this;
    }

    /// <summary>An identifier: 1-64 characters from [A-Za-z0-9._:-].</summary>
    public RequestValidator Id(string field, string? value, bool required = true) =>
        Token(field, value, Limits.MaxIdLength, required);

    /// <summary>A client-generated idempotency key: 1-128 characters from [A-Za-z0-9._:-].</summary>
    public RequestValidator RequestId(string field, string? value) =>
        Token(field, value, Limits.MaxRequestIdLength, required: true);

    public RequestValidator Text(string field, string? value, int maxLength, bool required = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return required ? Add(field, "is required") : this;
        }
        if (value.Length > maxLength)
        {
            return Add(field, $"must be at most {maxLength} characters, got {value.Length}");
        }
        return value.Any(char.IsControl) ? Add(field, "must not contain control characters") : this;
    }

    public RequestValidator Range(string field, long value, long min, long max) =>
        value < min || value > max ? Add(field, $"must be between {min} and {max}, got {value}") : this;

    public RequestValidator Currency(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Add(field, "is required (an ISO 4217 code such as EUR)");
        }
        return Currencies.IsKnown(value) ? this : Add(field, $"'{Shorten(value)}' is not an ISO 4217 currency code (upper case, e.g. EUR)");
    }

    /// <summary>The violations found so far, for callers that report them without throwing (a bulk import's per-member failures).</summary>
    public IReadOnlyList<FieldViolation> Violations => violations;

    public void ThrowIfInvalid()
    {
        if (violations.Count > 0)
        {
            throw new LoyaltyException(LoyaltyError.Invalid(violations.ToArray()));
        }
    }

    private RequestValidator Token(string field, string? value, int maxLength, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            return required ? Add(field, "is required") : this;
        }
        if (value.Length > maxLength)
        {
            return Add(field, $"must be at most {maxLength} characters, got {value.Length}");
        }
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
            {
                return Add(field, $"may contain only letters, digits and . _ : - (found '{Shorten(value)}')");
            }
        }
        return this;
    }

    private static string Shorten(string value) => value.Length <= 32 ? value : value[..32] + "…";
}
