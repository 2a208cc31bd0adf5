using System.Globalization;
using Google.Rpc;
using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.PosTerminal;

/// <summary>Formatting for the session transcript, and the one place that shows how to read a refusal.</summary>
internal static class Show
{
    public static void Step(string name, string text) => Console.WriteLine($"{name,-22} {text}");

    public static void Detail(string text) => Console.WriteLine($"{"",-22}   {text}");

    public static string Balance(Balance b) =>
        $"available={b.Available} held={b.Held} pending={b.Pending} " +
        $"(lifetime earned={b.LifetimeEarned} redeemed={b.LifetimeRedeemed} reversed={b.LifetimeReversed})";

    // The sample's program is in EUR, which has two decimals; a real terminal would look the exponent up per currency.
    public static string Money(long minor, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{minor / 100m:0.00} {currency}");

    /// <summary>
    /// How a client reads a refusal: the gRPC status code and message, then the google.rpc.Status that the
    /// server packs into the trailers (grpc-status-details-bin). ErrorInfo.reason is the stable thing to branch
    /// on; BadRequest lists the offending fields and only comes with INVALID_ARGUMENT.
    /// </summary>
    public static ErrorInfo? Refusal(RpcException ex)
    {
        Detail($"status code:  {ex.StatusCode} ({(int)ex.StatusCode})");
        Detail($"message:      {ex.Status.Detail}");

        var status = ex.GetRpcStatus();
        if (status is null)
        {
            Detail("(no google.rpc.Status details in the trailers)");
            return null;
        }

        var info = status.GetDetail<ErrorInfo>();
        Detail(info is null ? "ErrorInfo:    (none)" : $"ErrorInfo:    reason={info.Reason} domain={info.Domain}");

        var badRequest = status.GetDetail<BadRequest>();
        if (badRequest is null || badRequest.FieldViolations.Count == 0)
        {
            Detail("BadRequest:   (none)");
        }
        else
        {
            foreach (var violation in badRequest.FieldViolations)
            {
                Detail($"BadRequest:   {violation.Field}: {violation.Description}");
            }
        }

        return info;
    }
}
