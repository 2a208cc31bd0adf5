namespace LoyaltyGrid.Domain;

/// <summary>Why a request was refused. <see cref="Reason"/> is stable, upper snake case, for clients to branch on.</summary>
public sealed record LoyaltyError(ErrorKind Kind, string Reason, string Message, IReadOnlyList<FieldViolation>? Violations = null)
{
    public static LoyaltyError Invalid(IReadOnlyList<FieldViolation> violations) =>
        new(ErrorKind.InvalidArgument, "INVALID_REQUEST",
            violations.Count == 1
                ? $"{violations[0].Field}: {violations[0].Description}"
                : $"{violations.Count} fields are invalid: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")),
            violations);

    public static LoyaltyError NotFound(string reason, string message) => new(ErrorKind.NotFound, reason, message);

    public static LoyaltyError Precondition(string reason, string message) => new(ErrorKind.FailedPrecondition, reason, message);

    public static LoyaltyError AlreadyExists(string reason, string message) => new(ErrorKind.AlreadyExists, reason, message);

    public static LoyaltyError Unavailable(string reason, string message) => new(ErrorKind.Unavailable, reason, message);
}
