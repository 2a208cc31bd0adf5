using System.Globalization;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using Core = LoyaltyGrid.Domain.Rewards;

namespace LoyaltyGrid.Api;

/// <summary>
/// The rewards catalogue: definitions, redemptions and cancellations go to the reward's grain (one per reward, which
/// debits or refunds the member's grain itself); a list reads the program's catalogue, each reward's grain and, for a
/// member, the member's grain once. The eligibility said is the domain's (<see cref="Core.RewardEligibility"/>).
/// </summary>
public sealed class RewardsService(IGrainFactory grains, MemberGrains members, TimeProvider time) : V1.Rewards.RewardsBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 100;

    public override async Task<CreateRewardResponse> CreateReward(CreateRewardRequest request, ServerCallContext context)
    {
        var command = request.Reward.ToDomain(request.RequestId, request.ProgramId, create: true, AccessInterceptor.Caller(context).Actor);
        var view = (await Reward(command.ProgramId, command.RewardId).Define(command)).Unwrap();
        return new CreateRewardResponse { Reward = view.ToProto() };
    }

    public override async Task<UpdateRewardResponse> UpdateReward(UpdateRewardRequest request, ServerCallContext context)
    {
        var command = request.Reward.ToDomain(request.RequestId, request.ProgramId, create: false, AccessInterceptor.Caller(context).Actor);
        var view = (await Reward(command.ProgramId, command.RewardId).Define(command)).Unwrap();
        return new UpdateRewardResponse { Reward = view.ToProto() };
    }

    public override async Task<ListRewardsResponse> ListRewards(ListRewardsRequest request, ServerCallContext context)
    {
        var v = new RequestValidator()
            .Id("program_id", request.ProgramId)
            .Id("member_id", request.MemberId, required: false)
            .Range("page_size", request.PageSize, 0, MaxPageSize);
        // The token is the position of the next reward to look at: a catalogue is only ever appended to.
        var start = 0;
        if (request.PageToken.Length > 0
            && !(int.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out start) && start > 0))
        {
            v.Add("page_token", "is not a token returned by ListRewards; leave it empty for the first page");
        }
        v.ThrowIfInvalid();
        var memberId = request.MemberId.Length > 0 ? request.MemberId : null;
        MemberView? member = null;
        IReadOnlyList<string> memberSegments = [];
        if (memberId is not null)
        {
            var grain = members.Get(request.ProgramId, memberId);
            var (view, segments) = (grain.Get(), grain.Segments());
            (member, memberSegments) = ((await view).Unwrap(), (await segments).Unwrap());
        }
        var ids = await grains.GetGrain<IRewardCatalogGrain>(request.ProgramId).List();
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var page = ids.Skip(start).Take(pageSize).ToArray();
        var views = await Task.WhenAll(page.Select(id => grains.GetGrain<IRewardGrain>(RewardKey.For(request.ProgramId, id)).View(memberId)));
        var now = time.GetUtcNow();
        var response = new ListRewardsResponse
        {
            NextPageToken = start + page.Length < ids.Count ? (start + page.Length).ToString(CultureInfo.InvariantCulture) : "",
            MemberAvailablePoints = member?.Balance.Available ?? 0,
        };
        foreach (var view in views)
        {
            // Listed, but its definition was never written (the create failed after listing it): not a reward yet.
            if (view is null)
            {
                continue;
            }
            var why = member is null
                ? Core.RewardEligibility.RewardWhyNot(view.Reward, view.StockLeft, 0, now)
                : Core.RewardEligibility.WhyNot(view.Reward, view.StockLeft, view.MemberTaken, member.Overview.Tier?.TierId,
                    memberSegments, member.Balance.Available, now);
            response.Rewards.Add(new ListedReward
            {
                Reward = view.ToProto(),
                Redeemable = why is null,
                NotRedeemableReason = why?.Reason ?? "",
                NotRedeemableMessage = why?.Message ?? "",
                MemberRedeemed = view.MemberTaken,
            });
        }
        return response;
    }

    public override async Task<RedeemRewardResponse> RedeemReward(RedeemRewardRequest request, ServerCallContext context)
    {
        var command = new Core.RedeemReward(request.RequestId, request.ProgramId, request.MemberId, request.RewardId);
        command.Validate();
        var redemption = (await Reward(command.ProgramId, command.RewardId).Redeem(command)).Unwrap();
        return new RedeemRewardResponse { Redemption = redemption.ToProto(), AvailablePointsAfter = redemption.AvailableAfter };
    }

    public override async Task<CancelRewardRedemptionResponse> CancelRewardRedemption(CancelRewardRedemptionRequest request, ServerCallContext context)
    {
        var command = new Core.CancelRewardRedemption(request.RequestId, request.ProgramId, request.MemberId, request.Code);
        command.Validate();
        var redemption = (await Reward(command.ProgramId, Core.RewardRedemption.RewardIdOf(command.Code)!).Cancel(command)).Unwrap();
        return new CancelRewardRedemptionResponse { Redemption = redemption.ToProto(), AvailablePointsAfter = redemption.AvailableAfter };
    }

    private IRewardGrain Reward(string programId, string rewardId) => grains.GetGrain<IRewardGrain>(RewardKey.For(programId, rewardId));
}
