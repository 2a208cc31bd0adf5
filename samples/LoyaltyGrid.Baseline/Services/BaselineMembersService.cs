using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.Baseline.Services;

/// <summary>EnrollMember only (the load generator's setup); the member id is required here.</summary>
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
}
