using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using Core = LoyaltyGrid.Domain.Offers;

namespace LoyaltyGrid.Api;

/// <summary>
/// Personal offers: a definition goes to the offer's grain (one per offer, which lists it in the program's offers), a
/// response to the member's offers grain (which fulfils an acceptance and has the offer count it); a member's offers
/// read the program's list, each offer's grain (targeting decided there, by <see cref="Core.OfferTargeting"/>), the
/// member's grain and the member's offers grain once each, and rank with <see cref="Core.OfferRanking"/>.
/// </summary>
public sealed class OffersService(IGrainFactory grains, MemberGrains members, IProgramRulesCache programs, TimeProvider time) : V1.Offers.OffersBase
{
    private const int DefaultMaxOffers = 20;
    private const int MaxMaxOffers = 100;

    public override async Task<CreateOfferResponse> CreateOffer(CreateOfferRequest request, ServerCallContext context)
    {
        var command = request.ToDomain(AccessInterceptor.Caller(context).Actor);
        var offer = (await Offer(command.ProgramId, command.OfferId).Create(command)).Unwrap();
        return new CreateOfferResponse { Offer = offer.ToProto() };
    }

    public override async Task<GetMemberOffersResponse> GetMemberOffers(GetMemberOffersRequest request, ServerCallContext context)
    {
        new RequestValidator().Id("program_id", request.ProgramId).Id("member_id", request.MemberId)
            .Range("max_offers", request.MaxOffers, 0, MaxMaxOffers).ThrowIfInvalid();
        var member = (await members.Get(request.ProgramId, request.MemberId).Get()).Unwrap();
        var rules = await programs.GetAsync(request.ProgramId);
        var segments = (await members.Get(request.ProgramId, request.MemberId).Segments()).Unwrap();
        var facts = new Core.MemberFacts(request.MemberId, member.Overview.Tier?.TierId) { SegmentIds = segments };
        var ids = await grains.GetGrain<IOfferCatalogGrain>(request.ProgramId).List();
        var statuses = await grains.GetGrain<IMemberOffersGrain>(MemberKey.For(request.ProgramId, request.MemberId)).Statuses();
        var views = await Task.WhenAll(ids.Select(id => Offer(request.ProgramId, id).ViewFor(facts)));
        var now = time.GetUtcNow();
        var candidates = new List<Core.OfferCandidate>();
        foreach (var view in views)
        {
            // Listed, but its definition was never written (the create failed after listing it): not an offer yet.
            if (view is null || !view.Targeted)
            {
                continue;
            }
            var status = statuses.GetValueOrDefault(view.Offer.OfferId);
            // Targeting was decided by the offer's grain on the whole offer; the rest of "open" is the member's.
            if (!view.Offer.IsLive(now) || status?.Declined == true || (status?.Accepted ?? 0) >= view.Offer.PerMemberCap)
            {
                continue;
            }
            var coupon = view.Offer.PromotionId is { } promotionId ? rules.Promotion(promotionId)?.Rule as Domain.Programs.CouponRule : null;
            var rewardCost = view.Offer.RewardId is { } rewardId
                ? (await grains.GetGrain<IRewardGrain>(RewardKey.For(request.ProgramId, rewardId)).View(null))?.Reward.PointsCost ?? 0
                : 0;
            candidates.Add(Core.OfferRanking.Candidate(view.Offer, view.Counts, coupon, rewardCost));
        }
        var response = new GetMemberOffersResponse { Currency = rules.Settings.Currency };
        foreach (var ranked in Core.OfferRanking.Rank(candidates, rules.Settings.Currency).Take(request.MaxOffers == 0 ? DefaultMaxOffers : request.MaxOffers))
        {
            var offer = ranked.Candidate.Offer;
            response.Offers.Add(new MemberOffer
            {
                Offer = offer.ToProto(),
                AcceptProbability = ranked.AcceptProbability,
                MemberValueMinor = ranked.Candidate.MemberValueMinor,
                ExpectedValueMinor = ranked.ExpectedValueMinor,
                Reason = ranked.Reason,
                RemainingForMember = offer.PerMemberCap - (statuses.GetValueOrDefault(offer.OfferId)?.Accepted ?? 0),
            });
        }
        return response;
    }

    public override async Task<RespondToOfferResponse> RespondToOffer(RespondToOfferRequest request, ServerCallContext context)
    {
        var command = new Core.RespondToOffer(request.RequestId, request.ProgramId, request.MemberId, request.OfferId, request.Response.ToDomain(),
            AccessInterceptor.Caller(context).Actor);
        command.Validate();
        var answer = (await grains.GetGrain<IMemberOffersGrain>(MemberKey.For(command.ProgramId, command.MemberId)).Respond(command)).Unwrap();
        return answer.ToProto();
    }

    public override async Task<GetOfferStatsResponse> GetOfferStats(GetOfferStatsRequest request, ServerCallContext context)
    {
        new RequestValidator().Id("program_id", request.ProgramId).Id("offer_id", request.OfferId).ThrowIfInvalid();
        var view = (await Offer(request.ProgramId, request.OfferId).View()).Unwrap();
        return new GetOfferStatsResponse
        {
            Offer = view.Offer.ToProto(),
            Stats = view.Counts.ToProto(),
            CreatedBy = view.Actor,
            CreatedAt = Timestamp.FromDateTimeOffset(view.CreatedAt),
        };
    }

    public override async Task<ListOffersResponse> ListOffers(ListOffersRequest request, ServerCallContext context)
    {
        new RequestValidator().Id("program_id", request.ProgramId).ThrowIfInvalid();
        await programs.GetAsync(request.ProgramId);
        var ids = await grains.GetGrain<IOfferCatalogGrain>(request.ProgramId).List();
        var views = await Task.WhenAll(ids.Select(id => Offer(request.ProgramId, id).View()));
        var response = new ListOffersResponse();
        foreach (var reply in views)
        {
            if (reply.Error is null && reply.Value is { } view)
            {
                response.Offers.Add(new ListedOffer
                {
                    Offer = view.Offer.ForMember().ToProto(),
                    Stats = view.Counts.ToProto(),
                    MemberCount = view.Offer.MemberIds.Count,
                });
            }
        }
        return response;
    }

    private IOfferGrain Offer(string programId, string offerId) => grains.GetGrain<IOfferGrain>(OfferKey.For(programId, offerId));
}
