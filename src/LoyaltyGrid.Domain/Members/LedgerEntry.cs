using System.Globalization;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// One line of a member's statement, read off a journal event. <see cref="Points"/> is the change of
/// available + held; the deltas say how it moved between the two.
/// </summary>
public sealed record LedgerEntry(
    long Sequence,
    LedgerEntryType Type,
    long Points,
    long AvailableDelta,
    long HeldDelta,
    string Rule,
    string Description,
    string? RequestId,
    string? TransactionId,
    string? HoldId,
    string? MerchantId,
    string? StoreId,
    string? TerminalId,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    Balance BalanceAfter)
{
    /// <summary>The statement line for an event, or null for events that move no points (enrolment).</summary>
    public static LedgerEntry? From(long sequence, MemberEvent e)
    {
        var delta = e.ApplyTo(Balance.Zero);
        LedgerEntry Entry(LedgerEntryType type, string rule, string description,
            string? transactionId = null, string? holdId = null,
            string? merchantId = null, string? storeId = null, string? terminalId = null) =>
            new(sequence, type, delta.Available + delta.Held, delta.Available, delta.Held, rule, description,
                e.RequestId, transactionId, holdId, merchantId, storeId, terminalId, e.OccurredAt, e.RecordedAt, e.BalanceAfter);

        return e switch
        {
            PurchaseRecorded p => Entry(LedgerEntryType.Purchase, p.Rule,
                $"Purchase of {Money(p.TotalMinor, p.Currency)} earned {p.Points} points",
                p.TransactionId, merchantId: p.MerchantId, storeId: p.StoreId, terminalId: p.TerminalId),
            ReturnRecorded r => Entry(LedgerEntryType.Return, "return",
                $"Return of {r.Lines.Sum(l => l.Quantity)} item(s) from {r.TransactionId} reversed {r.Points} points" +
                (r.WrittenOff > 0 ? $" ({r.WrittenOff} written off: negative balances are off)" : ""),
                r.TransactionId, merchantId: r.MerchantId, storeId: r.StoreId, terminalId: r.TerminalId),
            RedemptionAuthorized h => Entry(LedgerEntryType.Hold, "redemption",
                $"{h.Points} points held for redemption until {h.ExpiresAt:O}",
                holdId: h.HoldId, merchantId: h.MerchantId, storeId: h.StoreId, terminalId: h.TerminalId),
            RedemptionCaptured c => Entry(LedgerEntryType.Capture, "redemption",
                $"{c.Points} points redeemed", holdId: c.HoldId),
            RedemptionReleased r => Entry(LedgerEntryType.Release, r.Reason == HoldReleaseReason.Expired ? "hold-expiry" : "void",
                r.Reason == HoldReleaseReason.Expired
                    ? $"{r.Points} held points released: the hold expired uncaptured"
                    : $"{r.Points} held points released: the redemption was voided",
                holdId: r.HoldId),
            _ => null,
        };
    }

    private static string Money(long minor, string currency)
    {
        var digits = Currencies.MinorDigits(currency);
        var perMajor = Currencies.MinorPerMajor(currency);
        var major = Math.DivRem(Math.Abs(minor), perMajor, out var rest);
        var sign = minor < 0 ? "-" : "";
        return digits == 0
            ? $"{sign}{major} {currency}"
            : $"{sign}{major}.{rest.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')} {currency}";
    }
}
