namespace LoyaltyGrid.Domain.Tests.Builders;

/// <summary>The parts of a <see cref="LoyaltyError"/> a client branches on; the message is for people.</summary>
public sealed record Refusal(ErrorKind Kind, string Reason, string[] Fields)
{
    public static Refusal Of(LoyaltyError error) =>
        new(error.Kind, error.Reason, error.Violations?.Select(v => v.Field).ToArray() ?? []);

    public static Refusal Invalid(params string[] fields) => new(ErrorKind.InvalidArgument, "INVALID_REQUEST", fields);

    public static Refusal NotFound(string reason) => new(ErrorKind.NotFound, reason, []);

    public static Refusal Precondition(string reason) => new(ErrorKind.FailedPrecondition, reason, []);

    public static Refusal AlreadyExists(string reason) => new(ErrorKind.AlreadyExists, reason, []);

    // Arrays compare by reference in a record; compare the field lists by content.
    public bool Equals(Refusal? other) =>
        other is not null && Kind == other.Kind && Reason == other.Reason && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() => HashCode.Combine(Kind, Reason, Fields.Length);

    public override string ToString() => $"{Kind} {Reason} [{string.Join(", ", Fields)}]";
}
