using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The rules of bringing existing members over from another system: what a valid <see cref="ImportMember"/> is,
/// the <see cref="MemberImported"/> event it becomes, and whether a member already in the journal is the same import.
/// </summary>
public static class MemberImport
{
    public const int MaxReasonLength = Limits.MaxNameLength;

    /// <summary>Every field violation of one member (empty if it can be imported into <paramref name="rules"/>' program).</summary>
    public static IReadOnlyList<FieldViolation> Check(ImportMember member, ProgramRules rules, DateTimeOffset now)
    {
        var v = new RequestValidator()
            .RequestId("import_id", member.ImportId)
            .Id("program_id", member.ProgramId)
            .Id("member_id", member.MemberId)
            .Id("card_alias", member.CardAlias, required: false)
            .Range("opening_points", member.OpeningPoints, 0, Limits.MaxOpeningPoints)
            .Text("opening_reason", member.OpeningReason, MaxReasonLength, required: member.OpeningPoints > 0)
            .Id("tier_id", member.TierId, required: false);
        if (member.ProgramId is { Length: > 0 } programId && programId != rules.ProgramId)
        {
            v.Add("program_id", $"every message of one import must name the same program: '{rules.ProgramId}' (from the first message), not '{programId}'");
        }
        if (member.EnrolledAt is not { } enrolledAt)
        {
            v.Add("enrolled_at", "is required (when the member joined in the other system)");
        }
        else if (enrolledAt > now + Limits.MaxClockSkew)
        {
            v.Add("enrolled_at", $"is in the future ({enrolledAt:O}; the server's time is {now:O})");
        }
        if (member.TierId is { Length: > 0 } tierId && rules.Tier(tierId) is null)
        {
            v.Add("tier_id", rules.Tiers.Count == 0
                ? $"program '{rules.ProgramId}' has no tiers"
                : $"'{tierId}' is not a tier of program '{rules.ProgramId}' (its tiers: {string.Join(", ", rules.Tiers.Select(t => t.TierId))})");
        }
        return v.Violations;
    }

    /// <summary>
    /// The event that imports a member who passed <see cref="Check"/>. The opening balance is one lot earned at
    /// enrolled_at, so the program's expiry applies to it as to any other points. A tier starts now and is first
    /// reviewed a full review period from now: the member's purchases from the other system are not here to count
    /// towards the metric, so a review dated from enrolled_at would lower most imported tiers at once.
    /// </summary>
    public static MemberImported Decide(ImportMember member, ProgramRules rules, DateTimeOffset now)
    {
        var tierId = NullIfEmpty(member.TierId);
        var imported = new MemberImported(
            member.ProgramId, member.MemberId, NullIfEmpty(member.CardAlias), member.OpeningPoints, NullIfEmpty(member.OpeningReason),
            tierId, tierId is null ? null : now.AddMonths(rules.TierPolicy.ReviewMonths), member.ImportId)
        {
            // No fingerprint: the import id is shared by every member of the run and is not remembered as a request.
            RequestId = member.ImportId,
            OccurredAt = member.EnrolledAt ?? throw new ArgumentException("enrolled_at is required.", nameof(member)),
            RecordedAt = now,
        };
        return imported with { BalanceAfter = imported.ApplyTo(Balance.Zero) };
    }

    /// <summary>
    /// The fields in which <paramref name="member"/> differs from the member <paramref name="existing"/> imported (empty:
    /// the same import, sent again). The import id is not compared: a run repeated under a new id changes nothing either.
    /// </summary>
    public static IReadOnlyList<string> Differences(MemberImported existing, ImportMember member)
    {
        var differ = new List<string>();
        if (existing.CardAlias != NullIfEmpty(member.CardAlias))
        {
            differ.Add("card_alias");
        }
        if (existing.OccurredAt != member.EnrolledAt)
        {
            differ.Add("enrolled_at");
        }
        if (existing.OpeningPoints != member.OpeningPoints)
        {
            differ.Add("opening_points");
        }
        if (existing.OpeningReason != NullIfEmpty(member.OpeningReason))
        {
            differ.Add("opening_reason");
        }
        if (existing.TierId != NullIfEmpty(member.TierId))
        {
            differ.Add("tier_id");
        }
        return differ;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
