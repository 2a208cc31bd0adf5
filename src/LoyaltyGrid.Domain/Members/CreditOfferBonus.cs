namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Credits a bonus-points offer the member accepted (issue 12 part 5), sent by the member's offers grain before it
/// records the acceptance. <see cref="RequestId"/> is <see cref="RequestIdOf"/> the offer and the acceptance's number,
/// so a retry, or a second hand-over after a crash, is a replay of the first credit, never a second one.
/// </summary>
public sealed record CreditOfferBonus(
    string RequestId,
    string ProgramId,
    string MemberId,
    string OfferId,
    int Acceptance,
    long Points) : IMemberCommand
{
    public const string Rule = "offer-bonus";

    /// <summary>The member request id of the <paramref name="acceptance"/>-th acceptance of an offer; a client id of this form is told REQUEST_ID_REUSED.</summary>
    public static string RequestIdOf(string offerId, int acceptance) => $"offer-bonus:{offerId}:{acceptance}";

    public void Validate() => new RequestValidator().RequestId("request_id", RequestId).Id("program_id", ProgramId).Id("member_id", MemberId)
        .Id("offer_id", OfferId).Range("acceptance", Acceptance, 1, int.MaxValue).Range("points", Points, 1, Limits.MaxBonusPoints).ThrowIfInvalid();
}
