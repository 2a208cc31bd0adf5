namespace LoyaltyGrid.Domain.Programs;

/// <summary>
/// An admin's decision to give back points that expired between <see cref="ExpiredFrom"/> and
/// <see cref="ExpiredUntil"/> (either open), for every member of the program.
/// </summary>
public sealed record Reinstatement(
    string ReinstatementId,
    DateTimeOffset? ExpiredFrom,
    DateTimeOffset? ExpiredUntil,
    string Actor,
    string Reason,
    DateTimeOffset DecidedAt)
{
    public bool Covers(DateTimeOffset expiredAt) =>
        (ExpiredFrom is null || expiredAt >= ExpiredFrom) && (ExpiredUntil is null || expiredAt < ExpiredUntil);
}
