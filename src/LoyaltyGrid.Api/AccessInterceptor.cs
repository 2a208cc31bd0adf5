using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Security;
using LoyaltyGrid.Grains;

namespace LoyaltyGrid.Api;

/// <summary>
/// Authenticates every LoyaltyGrid call by its <c>authorization: Bearer</c> key and checks <see cref="AccessPolicy"/>
/// against the ids the request names, before the service sees it. gRPC health and reflection stay open, so standard
/// tools work. The caller's key is left in <see cref="ServerCallContext.UserState"/> for the audit trail.
/// </summary>
public sealed class AccessInterceptor(ApiKeyCache keys) : Interceptor
{
    private const string ServicePrefix = "/loyaltygrid.v1.";
    private const string CallerKey = "loyaltygrid.caller";

    // Authorization headers whose secret matched their key, with that key's stored hash then. A till sends the same
    // header on every call, so its secret is parsed and hashed (SHA-256) once, not per call (about 2% of the silo's CPU
    // per purchase). A match is reused only while the key still has that hash, and the key is looked up and checked for
    // revocation on every call, so a rotated or revoked key is refused as before. Keyed by the exact header: a different
    // header is always verified from scratch.
    private readonly ConcurrentDictionary<string, (string KeyId, string SecretHash)> verified = new(StringComparer.Ordinal);
    private const int MaxVerified = 10_000;

    // "Checkout/RecordPurchase" for "/loyaltygrid.v1.Checkout/RecordPurchase": the policy's name of each method, cut once.
    private static readonly ConcurrentDictionary<string, string> MethodNames = new(StringComparer.Ordinal);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(request, context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(request, context);
        await continuation(request, responseStream, context);
    }

    /// <summary>
    /// A client stream names its ids in every message, not once: the key and its role are checked before the service
    /// reads anything, and each message's ids as the service reads it, so no message can reach outside the key's scope
    /// (PERMISSION_DENIED ends the call at that message).
    /// </summary>
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        if (!context.Method.StartsWith(ServicePrefix, StringComparison.Ordinal))
        {
            return await continuation(requestStream, context);
        }
        var key = (await AuthorizeAsync(null, context))!;
        return await continuation(new ScopedStreamReader<TRequest>(requestStream, key, context.Method[ServicePrefix.Length..]), context);
    }

    /// <summary>The key the call was made with (set for every LoyaltyGrid call that got past this interceptor).</summary>
    public static ApiKey Caller(ServerCallContext context) =>
        context.UserState.TryGetValue(CallerKey, out var key) ? (ApiKey)key : throw new InvalidOperationException("The call was not authenticated.");

    private async Task<ApiKey?> AuthorizeAsync(object? request, ServerCallContext context)
    {
        if (!context.Method.StartsWith(ServicePrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var key = await AuthenticateAsync(context.RequestHeaders.GetValue("authorization"));
        Check(key, MethodNames.GetOrAdd(context.Method, static m => m[ServicePrefix.Length..]), request);
        context.UserState[CallerKey] = key;
        return key;
    }

    /// <summary>Refuses the request (or one message of a stream) if the key may not call the method for the ids it names.</summary>
    private static void Check(ApiKey key, string method, object? request)
    {
        var message = request as IMessage;
        var scope = new RequestScope(Field(message, "program_id"), Field(message, "merchant_id"), Field(message, "store_id"));
        if (AccessPolicy.Check(key, method, scope) is { } denied)
        {
            throw new LoyaltyException(denied);
        }
    }

    private async ValueTask<ApiKey> AuthenticateAsync(string? authorization)
    {
        const string bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            throw Unauthenticated("NO_API_KEY", "send an API key as 'authorization: Bearer <key>' metadata");
        }
        var key = verified.TryGetValue(authorization, out var known) && await keys.FindAsync(known.KeyId) is { } current
            && current.SecretHash == known.SecretHash
            ? current
            : await VerifyAsync(authorization, authorization[bearer.Length..].Trim());
        if (key.IsRevoked)
        {
            throw Unauthenticated("API_KEY_REVOKED", $"API key {key.KeyId} ({key.Name}) was revoked at {key.RevokedAt:O}");
        }
        return key;
    }

    /// <summary>The key whose secret <paramref name="text"/> holds, remembered for <paramref name="authorization"/>; UNAUTHENTICATED if none.</summary>
    private async ValueTask<ApiKey> VerifyAsync(string authorization, string text)
    {
        var parsed = ApiKeySecret.Parse(text);
        var key = parsed is { } p ? await keys.FindAsync(p.KeyId) : null;
        if (key is null || !ApiKeySecret.Matches(key, parsed!.Value.Secret))
        {
            throw Unauthenticated("INVALID_API_KEY", "the API key is not valid: check it was copied whole");
        }
        if (verified.Count >= MaxVerified)
        {
            verified.Clear();
        }
        verified[authorization] = (key.KeyId, key.SecretHash);
        return key;
    }

    private static string? Field(IMessage? message, string name) =>
        message?.Descriptor.FindFieldByName(name)?.Accessor.GetValue(message) is string { Length: > 0 } value ? value : null;

    private sealed class ScopedStreamReader<T>(IAsyncStreamReader<T> inner, ApiKey key, string method) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (!await inner.MoveNext(cancellationToken))
            {
                return false;
            }
            Check(key, method, inner.Current);
            return true;
        }
    }

    private static LoyaltyException Unauthenticated(string reason, string message) =>
        new(new LoyaltyError(ErrorKind.Unauthenticated, reason, message));
}
