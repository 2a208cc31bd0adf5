using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.LoadGen.Scenarios;

/// <summary>
/// A day at the till: mostly purchases, some redemptions (authorize, then capture on the next step) and some
/// partial returns of this terminal's earlier purchases.
/// </summary>
/// <remarks>
/// A terminal only redeems for members whose available balance it has seen in a recent response, and never more
/// than that. Members are shared by all terminals, so that knowledge can be stale; the server then refuses with
/// FAILED_PRECONDITION / INSUFFICIENT_POINTS, which is correct behaviour and is counted as expected, not as an error.
/// </remarks>
internal sealed class MixedScenario(TerminalContext terminal) : TerminalScenario(terminal)
{
    public const string InsufficientPoints = "INSUFFICIENT_POINTS";

    // Per step without an open hold: 15% authorize, 10% return, 75% purchase. Each authorize is followed by a
    // capture, so of all calls about 65% are purchases, 13% authorizations, 13% captures and 9% returns.
    private const int RedeemPercent = 15;
    private const int ReturnPercent = 10;
    private const long MaxRedeemPoints = 1_000;
    private const int RememberedBalances = 32;
    private const int RememberedPurchases = 64;

    private readonly (string? MemberId, long Available)[] _balances = new (string?, long)[RememberedBalances];
    private readonly List<PastPurchase> _purchases = new(RememberedPurchases);
    private int _nextBalanceSlot;
    private (string MemberId, string HoldId)? _openHold;

    public override Task<CallOutcome> StepAsync(CancellationToken cancellationToken)
    {
        if (_openHold is { } hold)
        {
            _openHold = null;
            return CaptureAsync(hold.MemberId, hold.HoldId, cancellationToken);
        }

        int roll = Terminal.Random.Next(100);
        if (roll < RedeemPercent && TryPickFundedMember(out string? memberId, out long available))
        {
            return AuthorizeAsync(memberId, available, cancellationToken);
        }

        if (roll >= RedeemPercent && roll < RedeemPercent + ReturnPercent && _purchases.Count > 0)
        {
            return ReturnAsync(cancellationToken);
        }

        return PurchaseAsync(cancellationToken);
    }

    public override async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_openHold is not { } hold)
        {
            return;
        }

        _openHold = null;
        try
        {
            await Terminal.Checkout.VoidRedemptionAsync(
                new VoidRedemptionRequest
                {
                    RequestId = Terminal.NextRequestId(),
                    ProgramId = Terminal.ProgramId,
                    MemberId = hold.MemberId,
                    HoldId = hold.HoldId,
                },
                deadline: DateTime.UtcNow.AddSeconds(5),
                cancellationToken: cancellationToken);
        }
        catch (RpcException)
        {
            // The hold expires by itself after the program's hold_ttl.
        }
    }

    private async Task<CallOutcome> PurchaseAsync(CancellationToken cancellationToken)
    {
        var request = Terminal.NewPurchase(Terminal.PickMember());
        try
        {
            var response = await Terminal.Checkout.RecordPurchaseAsync(request, cancellationToken: cancellationToken);
            Remember(request, response.TransactionId);
            Observe(request.MemberId, response.Balance);
            return CallOutcome.Ok("purchase");
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Failed("purchase", ex);
        }
    }

    private async Task<CallOutcome> AuthorizeAsync(string memberId, long available, CancellationToken cancellationToken)
    {
        var request = new AuthorizeRedemptionRequest
        {
            RequestId = Terminal.NextRequestId(),
            ProgramId = Terminal.ProgramId,
            MemberId = memberId,
            Points = Terminal.Random.NextInt64(1, Math.Min(available, MaxRedeemPoints) + 1),
            MerchantId = Bench.MerchantId,
            StoreId = Terminal.StoreId,
            TerminalId = Terminal.TerminalId,
        };

        try
        {
            var response = await Terminal.Checkout.AuthorizeRedemptionAsync(request, cancellationToken: cancellationToken);
            _openHold = (memberId, response.HoldId);
            Observe(memberId, response.Balance);
            return CallOutcome.Ok("authorize");
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var outcome = CallOutcome.Failed("authorize", ex, InsufficientPoints);
            if (outcome.Reason == InsufficientPoints)
            {
                Forget(memberId);
            }

            return outcome;
        }
    }

    private async Task<CallOutcome> CaptureAsync(string memberId, string holdId, CancellationToken cancellationToken)
    {
        var request = new CaptureRedemptionRequest
        {
            RequestId = Terminal.NextRequestId(),
            ProgramId = Terminal.ProgramId,
            MemberId = memberId,
            HoldId = holdId,
        };

        try
        {
            var response = await Terminal.Checkout.CaptureRedemptionAsync(request, cancellationToken: cancellationToken);
            Observe(memberId, response.Balance);
            return CallOutcome.Ok("capture");
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Failed("capture", ex);
        }
    }

    /// <summary>Returns one unit of one line of a remembered purchase; a purchase is forgotten once fully returned.</summary>
    private async Task<CallOutcome> ReturnAsync(CancellationToken cancellationToken)
    {
        int index = Terminal.Random.Next(_purchases.Count);
        var purchase = _purchases[index];
        int line = purchase.TakeOneUnit(Terminal.Random.Next(purchase.Skus.Length));
        if (purchase.FullyReturned)
        {
            _purchases.RemoveAt(index);
        }

        var request = new RecordReturnRequest
        {
            RequestId = Terminal.NextRequestId(),
            ProgramId = Terminal.ProgramId,
            MemberId = purchase.MemberId,
            TransactionId = purchase.TransactionId,
            MerchantId = Bench.MerchantId,
            StoreId = Terminal.StoreId,
            TerminalId = Terminal.TerminalId,
            OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
        };
        request.Lines.Add(new ReturnLine { Sku = purchase.Skus[line], Quantity = 1 });

        try
        {
            var response = await Terminal.Checkout.RecordReturnAsync(request, cancellationToken: cancellationToken);
            Observe(purchase.MemberId, response.Balance);
            return CallOutcome.Ok("return");
        }
        catch (RpcException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return CallOutcome.Failed("return", ex);
        }
    }

    private void Remember(RecordPurchaseRequest request, string transactionId)
    {
        if (string.IsNullOrEmpty(transactionId))
        {
            return;
        }

        if (_purchases.Count == RememberedPurchases)
        {
            _purchases.RemoveAt(0);
        }

        _purchases.Add(new PastPurchase(
            request.MemberId,
            transactionId,
            [.. request.Lines.Select(l => l.Sku)],
            [.. request.Lines.Select(l => l.Quantity)]));
    }

    /// <summary>Keeps the latest available balance seen for a member, for members who could afford a redemption.</summary>
    private void Observe(string memberId, Balance? balance)
    {
        if (balance is null || balance.Available <= 0)
        {
            Forget(memberId);
            return;
        }

        int slot = Array.FindIndex(_balances, b => b.MemberId == memberId);
        if (slot < 0)
        {
            slot = _nextBalanceSlot;
            _nextBalanceSlot = (_nextBalanceSlot + 1) % _balances.Length;
        }

        _balances[slot] = (memberId, balance.Available);
    }

    private void Forget(string memberId)
    {
        int slot = Array.FindIndex(_balances, b => b.MemberId == memberId);
        if (slot >= 0)
        {
            _balances[slot] = default;
        }
    }

    private bool TryPickFundedMember([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? memberId, out long available)
    {
        int start = Terminal.Random.Next(_balances.Length);
        for (int i = 0; i < _balances.Length; i++)
        {
            var candidate = _balances[(start + i) % _balances.Length];
            if (candidate.MemberId is not null && candidate.Available > 0)
            {
                (memberId, available) = candidate;
                return true;
            }
        }

        memberId = null;
        available = 0;
        return false;
    }

    /// <summary>A purchase this terminal made and what of it has not been returned yet.</summary>
    private sealed class PastPurchase(string memberId, string transactionId, string[] skus, long[] remaining)
    {
        public string MemberId { get; } = memberId;
        public string TransactionId { get; } = transactionId;
        public string[] Skus { get; } = skus;
        public bool FullyReturned => remaining.All(q => q == 0);

        /// <summary>Takes one unit from the first line at or after <paramref name="startLine"/> with units left.</summary>
        public int TakeOneUnit(int startLine)
        {
            for (int i = 0; i < remaining.Length; i++)
            {
                int line = (startLine + i) % remaining.Length;
                if (remaining[line] > 0)
                {
                    remaining[line]--;
                    return line;
                }
            }

            throw new InvalidOperationException("a fully returned purchase must not be remembered");
        }
    }
}
