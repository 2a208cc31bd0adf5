using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using LoyaltyGrid.Domain;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Api;

/// <summary>
/// The one place where refusals become gRPC statuses: INVALID_ARGUMENT with a google.rpc.BadRequest,
/// and for every refusal a google.rpc.ErrorInfo whose reason a client can branch on. Anything else is a
/// server fault: INTERNAL (or UNAVAILABLE while shutting down), with the advice to retry with the same request_id.
/// </summary>
public sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public const string ErrorDomain = "loyaltygrid.v1";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (LoyaltyException refused)
        {
            throw ToRpcException(refused.Error);
        }
        catch (Exception ex) when (ex is not RpcException && !context.CancellationToken.IsCancellationRequested)
        {
            throw Fault(context, ex);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (LoyaltyException refused)
        {
            throw ToRpcException(refused.Error);
        }
        catch (Exception ex) when (ex is not RpcException && !context.CancellationToken.IsCancellationRequested)
        {
            throw Fault(context, ex);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (LoyaltyException refused)
        {
            throw ToRpcException(refused.Error);
        }
        catch (Exception ex) when (ex is not RpcException && !context.CancellationToken.IsCancellationRequested)
        {
            throw Fault(context, ex);
        }
    }

    private RpcException Fault(ServerCallContext context, Exception ex)
    {
        LogFault(context.Method, ex);
        var unavailable = ex is ObjectDisposedException or OperationCanceledException or TimeoutException;
        return new Google.Rpc.Status
        {
            Code = (int)(unavailable ? Code.Unavailable : Code.Internal),
            Message = "The server could not complete the request and it may or may not have been recorded; " +
                      "retry it unchanged with the same request_id (a retry never applies it twice).",
            Details = { Any.Pack(new ErrorInfo { Reason = unavailable ? "UNAVAILABLE" : "INTERNAL", Domain = ErrorDomain }) },
        }.ToRpcException();
    }

    public static RpcException ToRpcException(LoyaltyError error)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)(error.Kind switch
            {
                ErrorKind.InvalidArgument => Code.InvalidArgument,
                ErrorKind.NotFound => Code.NotFound,
                ErrorKind.FailedPrecondition => Code.FailedPrecondition,
                ErrorKind.AlreadyExists => Code.AlreadyExists,
                ErrorKind.PermissionDenied => Code.PermissionDenied,
                ErrorKind.Unauthenticated => Code.Unauthenticated,
                ErrorKind.Unavailable => Code.Unavailable,
                _ => Code.Unknown,
            }),
            Message = error.Message,
            Details = { Any.Pack(new ErrorInfo { Reason = error.Reason, Domain = ErrorDomain }) },
        };
        if (error.Violations is { Count: > 0 } violations)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.AddRange(violations.Select(v =>
                new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
            status.Details.Add(Any.Pack(badRequest));
        }
        return status.ToRpcException();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed")]
    private partial void LogFault(string method, Exception exception);
}
