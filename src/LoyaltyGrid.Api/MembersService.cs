using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using Core = LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Api;

public sealed class MembersService(IGrainFactory grains, MemberGrains members) : Members.MembersBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    public override async Task<EnrollMemberResponse> EnrollMember(EnrollMemberRequest request, ServerCallContext context)
    {
        new RequestValidator()
            .RequestId("request_id", request.RequestId)
            .Id("program_id", request.ProgramId)
            .Id("member_id", request.MemberId, required: false)
            .ThrowIfInvalid();
        // A server-chosen id derives from the request_id, so a retried enrolment finds the same member.
        var memberId = request.MemberId is { Length: > 0 } chosen ? chosen : DeriveMemberId(request.ProgramId, request.RequestId);
        var command = new Core.EnrollMember(request.RequestId, request.ProgramId, memberId, request.CardAlias);
        var member = Member(command.ProgramId, command.MemberId);
        (await member.Enroll(command)).Unwrap();
        var view = (await member.Get()).Unwrap();
        return new EnrollMemberResponse { Member = view.ToProto() };
    }

    public override async Task<GetMemberResponse> GetMember(GetMemberRequest request, ServerCallContext context)
    {
        var view = (await Member(request.ProgramId, request.MemberId).Get()).Unwrap();
        return new GetMemberResponse { Member = view.ToProto() };
    }

    public override async Task<LookupMemberResponse> LookupMember(LookupMemberRequest request, ServerCallContext context)
    {
        new RequestValidator().Id("program_id", request.ProgramId).Id("card_alias", request.CardAlias).ThrowIfInvalid();
        var memberId = (await grains.GetGrain<ICardAliasGrain>(CardAliasKey.For(request.ProgramId, request.CardAlias)).Owner()).Unwrap();
        var view = (await Member(request.ProgramId, memberId).Get()).Unwrap();
        return new LookupMemberResponse { Member = view.ToProto() };
    }

    public override async Task<ListLedgerEntriesResponse> ListLedgerEntries(ListLedgerEntriesRequest request, ServerCallContext context)
    {
        var v = new RequestValidator().Id("program_id", request.ProgramId).Id("member_id", request.MemberId)
            .Range("page_size", request.PageSize, 0, MaxPageSize);
        long? before = null;
        if (request.PageToken.Length > 0)
        {
            if (long.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var token) && token > 0)
            {
                before = token;
            }
            else
            {
                v.Add("page_token", "is not a token returned by ListLedgerEntries; leave it empty for the first page");
            }
        }
        v.ThrowIfInvalid();
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var page = (await Member(request.ProgramId, request.MemberId).ListLedger(pageSize, before)).Unwrap();
        var response = new ListLedgerEntriesResponse
        {
            NextPageToken = page.NextBeforeSequence?.ToString(CultureInfo.InvariantCulture) ?? "",
        };
        // A merchant's keys see the member's lines of that merchant's own transactions only.
        var merchant = AccessInterceptor.Caller(context).MerchantId;
        response.Entries.AddRange(page.Entries.Where(e => merchant is null || e.MerchantId == merchant).Select(e => e.ToProto()));
        return response;
    }

    private IMemberGrain Member(string programId, string memberId) => members.Get(programId, memberId);

    private static string DeriveMemberId(string programId, string requestId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{programId}\n{requestId}"));
        return "m_" + Convert.ToHexStringLower(hash, 0, 12);
    }
}
