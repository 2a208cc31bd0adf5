using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.Baseline.Services;

/// <summary>Grain replies to messages and refusals to status codes, in one place (plain codes, no rich details).</summary>
internal static class BaselineMapper
{
    public static string MemberKey(string programId, string memberId) => $"{programId}/{memberId}";

    public static BaselineReply Accepted(BaselineReply reply) => reply.Outcome switch
    {
        BaselineOutcome.Ok => reply,
        BaselineOutcome.MemberNotFound => throw new RpcException(new Status(StatusCode.NotFound, "member not enrolled")),
        BaselineOutcome.AlreadyEnrolled => throw new RpcException(new Status(StatusCode.AlreadyExists, "member already enrolled")),
        BaselineOutcome.RequestIdReused => throw new RpcException(new Status(StatusCode.AlreadyExists, "request_id reused with other content")),
        _ => throw new RpcException(new Status(StatusCode.Internal, $"unknown outcome {reply.Outcome}")),
    };

    public static Balance Balance(BaselineReply reply) => new() { Available = reply.Available, LifetimeEarned = reply.LifetimeEarned };

    public static Member Member(string programId, string memberId, BaselineReply reply) => new()
    {
        ProgramId = programId,
        MemberId = memberId,
        EnrolledAt = Timestamp.FromDateTime(DateTime.SpecifyKind(reply.EnrolledAt, DateTimeKind.Utc)),
        Balance = Balance(reply),
    };

    public static LoyaltyProgram Program(string programId, string name, string currency) => new()
    {
        ProgramId = programId,
        Name = name,
        Currency = currency,
        PointsPerCurrencyUnit = BaselineMemberGrain.PointsPerCurrencyUnit,
    };

    public static RpcException Invalid(string field) =>
        new(new Status(StatusCode.InvalidArgument, $"{field} is missing or out of range"));
}
