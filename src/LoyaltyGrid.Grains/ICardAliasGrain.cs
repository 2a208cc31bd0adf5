namespace LoyaltyGrid.Grains;

/// <summary>
/// Which member holds a card alias within a program, so a POS can find a member by the card it scans.
/// Key: <c>{program_id}/{card_alias}</c> (see <see cref="CardAliasKey"/>).
/// </summary>
[Alias("lg.ICardAliasGrain")]
public interface ICardAliasGrain : IGrainWithStringKey
{
    /// <summary>Gives the alias to the member: true if it was free, false if the member already had it; CARD_ALIAS_TAKEN otherwise.</summary>
    [Alias("Claim")]
    Task<GrainReply<bool>> Claim(string memberId);

    /// <summary>Frees the alias if <paramref name="memberId"/> holds it (undoes a claim whose enrolment failed).</summary>
    [Alias("Release")]
    Task Release(string memberId);

    /// <summary>The member that held the alias before its current owner (the card was a member's before), or null.</summary>
    [Alias("FormerOwner")]
    Task<string?> FormerOwner();

    /// <summary>The member holding the alias, or CARD_NOT_FOUND.</summary>
    [Alias("Owner")]
    Task<GrainReply<string>> Owner();
}
