using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using LoyaltyGrid.Storage.Insights;
using Core = LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Api;

/// <summary>
/// Referral calls: the rules go to the program's grain, codes and a member's list to the member's; the program's list
/// reads the insights projection.
/// </summary>
public sealed class ReferralsService(IGrainFactory grains, MemberGrains members, IInsightsStore insights) : V1.Referrals.ReferralsBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

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

    public override async Task<ListProgramReferralsResponse> ListProgramReferrals(ListProgramReferralsRequest request, ServerCallContext context)
    {
        var v = new RequestValidator().Id("program_id", request.ProgramId);
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        v.Range("page_size", pageSize, 1, MaxPageSize);
        if (!System.Enum.IsDefined(request.Status))
        {
            v.Add("status", "must be a ReferralStatus (UNSPECIFIED for all)");
        }
        var after = request.PageToken.Length == 0 ? null : TimeIdPageToken.Parse(v, request.PageToken) is { } cursor ? new ReferralCursor(cursor.At, cursor.Id) : null;
        v.ThrowIfInvalid();
        var page = await insights.ListReferralsAsync(request.ProgramId, request.Status == ReferralStatus.Unspecified ? null : (int)request.Status,
            pageSize, after, context.CancellationToken);
        var response = new ListProgramReferralsResponse { NextPageToken = page.Next is { } next ? TimeIdPageToken.Of(next.ReferredAt, next.ReferralId) : "" };
        response.Referrals.AddRange(page.Rows.Select(r => r.ToProto()));
        return response;
    }

    public override async Task<GetPartnerReferralCodeResponse> GetPartnerReferralCode(GetPartnerReferralCodeRequest request, ServerCallContext context)
    {
        new RequestValidator().Id("program_id", request.ProgramId).Id("merchant_id", request.MerchantId).ThrowIfInvalid();
        var code = (await grains.GetGrain<IProgramGrain>(request.ProgramId).GetPartnerReferralCode(request.MerchantId)).Unwrap();
        return new GetPartnerReferralCodeResponse { Code = code };
    }

    private static void Check(string programId, string memberId) =>
        new RequestValidator().Id("program_id", programId).Id("member_id", memberId).ThrowIfInvalid();
}
