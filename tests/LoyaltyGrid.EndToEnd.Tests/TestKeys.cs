using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>
/// Sends every test call with the key a real deployment would use for it: checkout calls with a terminal key of
/// the request's program, merchant and store (issued through the Access API on first use), everything else with
/// the silo's bootstrap admin key. A call that already carries an authorization header is left alone, so access
/// tests can send any key, or none.
/// </summary>
public sealed class TestKeys(CallInvoker unauthenticated) : Interceptor
{
    /// <summary>The platform admin key every test silo is started with.</summary>
    public const string Bootstrap = "test-bootstrap-admin-key-0123456789abcdef";

    private const string CheckoutPrefix = "/loyaltygrid.v1.Checkout/";

    private readonly ConcurrentDictionary<(string Program, string Merchant, string Store), Lazy<Task<string>>> terminals = new();

    public static Metadata Authorization(string key) => new() { { "authorization", "Bearer " + key } };

    /// <summary>Issues a key with the admin key.</summary>
    public static async Task<string> IssueAsync(CallInvoker channel, ApiRole role, string? program = null, string? merchant = null, string? store = null)
    {
        var response = await new Access.AccessClient(channel).IssueApiKeyAsync(new IssueApiKeyRequest
        {
            RequestId = Pos.NewId("key"),
            Name = $"test {role}",
            Role = role,
            ProgramId = program ?? "",
            MerchantId = merchant ?? "",
            StoreId = store ?? "",
        }, Authorization(Bootstrap));
        return response.ApiKey;
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (context.Options.Headers?.Get("authorization") is not null)
        {
            return continuation(request, context);
        }
        var response = CallWithKeyAsync(request, context, continuation);
        return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => new Metadata(), () => { });
    }

    /// <summary>Client streams (ImportMembers) are admin calls: the admin key, unless the call carries one.</summary>
    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation)
    {
        if (context.Options.Headers?.Get("authorization") is not null)
        {
            return continuation(context);
        }
        var headers = context.Options.Headers ?? [];
        headers.Add("authorization", "Bearer " + Bootstrap);
        return continuation(new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers)));
    }

    private async Task<TResponse> CallWithKeyAsync<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        var key = await KeyForAsync(context.Method.FullName, request as IMessage);
        var headers = context.Options.Headers ?? [];
        headers.Add("authorization", "Bearer " + key);
        var options = context.Options.WithHeaders(headers);
        return await continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, options));
    }

    private Task<string> KeyForAsync(string method, IMessage? request)
    {
        var program = Field(request, "program_id");
        if (!method.StartsWith(CheckoutPrefix, StringComparison.Ordinal) || !IsId(program))
        {
            return Task.FromResult(Bootstrap);
        }
        var merchant = Field(request, "merchant_id") is { Length: > 0 } m && IsId(m) ? m : "merchant-1";
        var store = Field(request, "store_id") is { Length: > 0 } s && IsId(s) ? s : "store-1";
        return terminals.GetOrAdd((program, merchant, store),
            k => new Lazy<Task<string>>(() => IssueAsync(unauthenticated, ApiRole.Terminal, k.Program, k.Merchant, k.Store))).Value;
    }

    private static string Field(IMessage? message, string name) =>
        message?.Descriptor.FindFieldByName(name)?.Accessor.GetValue(message) as string ?? "";

    private static bool IsId(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-');
}
