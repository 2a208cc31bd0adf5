using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace LoyaltyGrid.Domain.Offers;

/// <summary>
/// A personal offer of a program: what the member gets (<see cref="Kind"/> and its one detail), who may take it
/// (<see cref="OfferTargeting"/>), when (<see cref="ValidFrom"/> to <see cref="ValidUntil"/>, at most
/// <see cref="OfferLimits.MaxValidity"/>), and how often one member may accept it (<see cref="PerMemberCap"/>).
/// <see cref="PointValueMilliMinor"/> and <see cref="ProgramValueMinor"/> feed the ranking only (<see cref="OfferRanking"/>).
/// </summary>
/// <param name="PointValueMilliMinor">What one point is worth to a member, in thousandths of the currency's minor unit (1000: one cent per point); 0: not stated.</param>
/// <param name="ProgramValueMinor">What the program expects to gain each time the offer is taken (minor units); 0: not stated.</param>
public sealed record Offer(
    string OfferId,
    string Name,
    string Description,
    OfferKind Kind,
    long BonusPoints,
    string? PromotionId,
    string? RewardId,
    IReadOnlyList<string> MemberIds,
    IReadOnlyList<string> TierIds,
    IReadOnlyList<string> SegmentIds,
    DateTimeOffset ValidFrom,
    DateTimeOffset ValidUntil,
    int PerMemberCap,
    long PointValueMilliMinor,
    long ProgramValueMinor)
{
    /// <summary>Sets of named members, one per list (not a field: a record's equality and <c>with</c> copies would carry it).</summary>
    private static readonly ConditionalWeakTable<IReadOnlyList<string>, HashSet<string>> MemberSets = new();

    /// <summary>The named members as a set, built once per list (an offer names up to <see cref="OfferLimits.MaxMemberIds"/>).</summary>
    [JsonIgnore]
    public IReadOnlySet<string> MemberSet => MemberSets.GetValue(MemberIds, static ids => new HashSet<string>(ids, StringComparer.Ordinal));

    public bool IsLive(DateTimeOffset now) => ValidFrom <= now && now < ValidUntil;

    /// <summary>The offer as a member sees it: without the list of the other members it names.</summary>
    public Offer ForMember() => MemberIds.Count == 0 ? this : this with { MemberIds = [] };
}
