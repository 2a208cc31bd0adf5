using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using Core = LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Api;

/// <summary>Referral calls: the rules go to the program's grain, codes and lists to the member's.</summary>
public sealed class ReferralsService(IGrainFactory grains, MemberGrains members) : V1.Referrals.ReferralsBase
{
    public override async Task<SetReferralRulesResponse> SetReferralRules(SetReferralRulesRequest request, ServerCallContext context)
    {
        var v = new RequestValidator();
        if (request.ReferralRules is null)
        {
            v.Add("referral_rules", "is required");
        }
        v.Id("program_id", request.ProgramId).ThrowIfInvalid();
        var change = (await grains.GetGrain<IProgramGrain>(request.ProgramId).Change(
            new Core.SetReferralRules(request.RequestId, request.ProgramId, AccessInterceptor.Caller(context).Actor, request.ReferralRules!.ToDomain())))
            .Unwrap();
        var set = change.Event as Core.ReferralRulesSet
            ?? throw new InvalidOperationException($"A program change answered {change.Event.GetType().Name}, not {nameof(Core.ReferralRulesSet)}.");
        return new SetReferralRulesResponse { ReferralRules = set.Rules.ToProto() };
    }

    public override async Task<GetReferralCodeResponse> GetReferralCode(GetReferralCodeRequest request, ServerCallContext context)
    {
        Check(request.ProgramId, request.MemberId);
        var code = (await members.Get(request.ProgramId, request.MemberId).GetReferralCode()).Unwrap();
        return new GetReferralCodeResponse { Code = code.Code, ExpiresAt = code.ExpiresAt is { } at ? Timestamp.FromDateTimeOffset(at) : null };
    }

    public override async Task<ListReferralsResponse> ListReferrals(ListReferralsRequest request, ServerCallContext context)
    {
        Check(request.ProgramId, request.MemberId);
        var referrals = (await members.Get(request.ProgramId, request.MemberId).ListReferrals()).Unwrap();
        var response = new ListReferralsResponse();
        response.Referrals.AddRange(referrals.Select(r => r.ToProto()));
        return response;
    }

    private static void Check(string programId, string memberId) =>
        new RequestValidator().Id("program_id", programId).Id("member_id", memberId).ThrowIfInvalid();
}
