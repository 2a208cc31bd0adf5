using System.Text;
using Google.Rpc;
using Grpc.Core;

namespace LoyaltyGrid.LoadGen;

/// <summary>
/// How one RPC ended. <see cref="Expected"/> refusals (e.g. INSUFFICIENT_POINTS when another terminal spent the
/// member's points first) are correct server behaviour: they are counted apart and are not errors.
/// </summary>
internal readonly record struct CallOutcome(string Operation, StatusCode Status, bool Expected, string? Reason, string? Detail)
{
    public bool IsError => Status != StatusCode.OK && !Expected;

    /// <summary>Key for the error table: the canonical status name, e.g. FAILED_PRECONDITION.</summary>
    public string Code => CanonicalName(Status);

    public static CallOutcome Ok(string operation) => new(operation, StatusCode.OK, Expected: false, Reason: null, Detail: null);

    /// <summary>Classifies a failed call; <paramref name="expectedReasons"/> are the ErrorInfo reasons that are not errors.</summary>
    public static CallOutcome Failed(string operation, RpcException exception, params ReadOnlySpan<string> expectedReasons)
    {
        string? reason = ReasonOf(exception);
        bool expected = reason is not null && expectedReasons.Contains(reason);
        return new CallOutcome(operation, exception.StatusCode, expected, reason, exception.Status.Detail);
    }

    /// <summary>
    /// A failure that is not an RPC status, i.e. a bug in the load generator itself (Grpc.Net.Client reports
    /// transport failures as RpcException). Counted as UNKNOWN so it shows up in the error table.
    /// </summary>
    public static CallOutcome Crashed(string operation, Exception exception) =>
        new(operation, StatusCode.Unknown, Expected: false, Reason: null, Detail: $"load generator: {exception.GetType().Name}: {exception.Message}");

    /// <summary>The stable google.rpc.ErrorInfo reason the server attached, if any.</summary>
    public static string? ReasonOf(RpcException exception)
    {
        try
        {
            return exception.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;
        }
        catch (Exception)
        {
            // A malformed grpc-status-details-bin trailer must not take the terminal down; the status code still counts.
            return null;
        }
    }

    /// <summary>DeadlineExceeded → DEADLINE_EXCEEDED, the spelling the gRPC spec and our proto docs use.</summary>
    public static string CanonicalName(StatusCode status)
    {
        string name = status.ToString();
        var builder = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }
}
