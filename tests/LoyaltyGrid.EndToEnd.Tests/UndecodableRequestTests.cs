using Google.Protobuf;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>
/// Request bodies that are not a valid protobuf message of the method's request type, sent as raw bytes over a
/// real channel: each is INVALID_ARGUMENT with an ErrorInfo, like any other bad input, not UNKNOWN.
/// </summary>
public sealed class UndecodableRequestTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    public static TheoryData<string, string, byte[]> Bodies => new()
    {
        // program_id (field 1, length 10) with only 3 bytes after it.
        { "Checkout", "RecordPurchase", [0x12, 0x0A, (byte)'a', (byte)'b', (byte)'c'] },
        // request_id (field 1) holding the bytes C3 28: not UTF-8.
        { "Checkout", "RecordPurchase", [0x0A, 0x02, 0xC3, 0x28] },
        // field 1 with wire type 7, which does not exist.
        { "Members", "GetMember", [0x0F, 0x01] },
        // The same on a server-streaming method.
        { "Benefits", "WatchBenefits", [0x0A, 0x05, (byte)'a'] },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task An_undecodable_request_body_is_invalid_argument_with_a_reason(string service, string method, byte[] body)
    {
        var refusal = Refusal(await Assert.ThrowsAsync<RpcException>(() => CallRawAsync(service, method, body)));

        Assert.Equal((StatusCode.InvalidArgument, "MALFORMED_REQUEST"), (refusal.Code, refusal.Reason));
    }

    [Fact]
    public async Task A_valid_body_sent_the_same_raw_way_is_decoded_and_answered()
    {
        var body = new GetMemberRequest { ProgramId = await CreateProgramAsync(silo), MemberId = "nobody" }.ToByteArray();

        var refusal = Refusal(await Assert.ThrowsAsync<RpcException>(() => CallRawAsync("Members", "GetMember", body)));

        Assert.Equal((StatusCode.NotFound, "MEMBER_NOT_FOUND"), (refusal.Code, refusal.Reason));
    }

    [Fact]
    public async Task Server_reflection_bound_by_the_same_binder_still_lists_the_services()
    {
        var marshaller = Marshallers.Create(static (byte[] b) => b, static b => b);
        var method = new Method<byte[], byte[]>(MethodType.DuplexStreaming, "grpc.reflection.v1alpha.ServerReflection",
            "ServerReflectionInfo", marshaller, marshaller);
        using var call = silo.Silo.GrpcChannel.CreateCallInvoker().AsyncDuplexStreamingCall(method, null, new CallOptions());

        // ServerReflectionRequest { list_services: "" } (field 7).
        await call.RequestStream.WriteAsync([0x3A, 0x00]);
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains("loyaltygrid.v1.Checkout", System.Text.Encoding.UTF8.GetString(call.ResponseStream.Current), StringComparison.Ordinal);
    }

    private async Task CallRawAsync(string service, string method, byte[] body)
    {
        var marshaller = Marshallers.Create(static (byte[] b) => b, static b => b);
        var invoker = silo.Silo.GrpcChannel.CreateCallInvoker();
        var options = new CallOptions(TestKeys.Authorization(TestKeys.Bootstrap));
        if (service == "Benefits")
        {
            var streaming = new Method<byte[], byte[]>(MethodType.ServerStreaming, "loyaltygrid.v1." + service, method, marshaller, marshaller);
            using var call = invoker.AsyncServerStreamingCall(streaming, null, options, body);
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
            return;
        }
        var unary = new Method<byte[], byte[]>(MethodType.Unary, "loyaltygrid.v1." + service, method, marshaller, marshaller);
        await invoker.AsyncUnaryCall(unary, null, options, body);
    }
}
