using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.Baseline.Services;

/// <summary>EnrollMember and ImportMembers (the load generator's setup): each imported member is enrolled by its grain,
/// one WriteStateAsync each, as an Orleans-default design would; the member id is required here.</summary>
public sealed class BaselineMembersService(IGrainFactory grains) : Members.MembersBase
{
    public override async Task<EnrollMemberResponse> EnrollMember(EnrollMemberRequest request, ServerCallContext context)
    {
        if (request.RequestId.Length == 0) throw BaselineMapper.Invalid("request_id");
        if (request.ProgramId.Length == 0) throw BaselineMapper.Invalid("program_id");
        if (request.MemberId.Length == 0) throw BaselineMapper.Invalid("member_id");

        var grain = grains.GetGrain<IBaselineMemberGrain>(BaselineMapper.MemberKey(request.ProgramId, request.MemberId));
        var reply = BaselineMapper.Accepted(await grain.Enroll(request.RequestId));
        return new EnrollMemberResponse { Member = BaselineMapper.Member(request.ProgramId, request.MemberId, reply) };
    }

    public override async Task<ImportMembersResponse> ImportMembers(IAsyncStreamReader<ImportMemberRequest> requestStream, ServerCallContext context)
    {
        var answer = new ImportMembersResponse();
        var pending = new List<Task<BaselineReply>>();
        await foreach (var member in requestStream.ReadAllAsync(context.CancellationToken))
        {
            answer.Received++;
            var grain = grains.GetGrain<IBaselineMemberGrain>(BaselineMapper.MemberKey(member.ProgramId, member.MemberId));
            pending.Add(grain.Enroll($"import-{member.MemberId}"));
            if (pending.Count >= 64)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }
        await Task.WhenAll(pending);
        answer.Imported = answer.Received;
        return answer;
    }
}
