namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Everything known about one member, rebuilt by applying the member's journal in order.
/// Serializable as a snapshot; changed only by <see cref="Apply"/>.
/// </summary>
public sealed class MemberState
{
    /// <summary>Sequence of the last applied event; 0 for a member never enrolled.</summary>
    public long Version { get; set; }

    public MemberProfile? Profile { get; set; }

    public Balance Balance { get; set; } = Balance.Zero;

    public Dictionary<string, PurchaseRecord> Purchases { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, HoldRecord> Holds { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, RequestRecord> Requests { get; set; } = new(StringComparer.Ordinal);

    public void Apply(MemberEvent e, long sequence)
    {
        if (sequence != Version + 1)
        {
            throw new InvalidOperationException($"Event {sequence} applied after {Version}: the journal has a gap.");
        }
        switch (e)
        {
            case MemberEnrolled enrolled:
                Profile = new MemberProfile(enrolled.ProgramId, enrolled.MemberId, enrolled.CardAlias, enrolled.RecordedAt);
                break;
            case PurchaseRecorded purchase:
                Purchases[purchase.TransactionId] = new PurchaseRecord
                {
                    TransactionId = purchase.TransactionId,
                    Lines = purchase.Lines,
                    TotalMinor = purchase.TotalMinor,
                    Points = purchase.Points,
                };
                break;
            case ReturnRecorded ret:
                var bought = Purchases[ret.TransactionId];
                foreach (var line in ret.Lines)
                {
                    bought.ReturnedQuantities[line.Sku] = bought.ReturnedQuantities.GetValueOrDefault(line.Sku) + line.Quantity;
                }
                bought.ReturnedMinor += ret.RefundMinor;
                bought.ReversedPoints += ret.Points + ret.WrittenOff;
                break;
            case RedemptionAuthorized hold:
                Holds[hold.HoldId] = new HoldRecord(hold.HoldId, hold.Points, hold.ExpiresAt, HoldStatus.Open);
                break;
            case RedemptionCaptured capture:
                Holds[capture.HoldId] = Holds[capture.HoldId] with { Status = HoldStatus.Captured };
                break;
            case RedemptionReleased release:
                Holds[release.HoldId] = Holds[release.HoldId] with
                {
                    Status = release.Reason == HoldReleaseReason.Expired ? HoldStatus.Expired : HoldStatus.Voided,
                };
                break;
        }
        Balance = e.ApplyTo(Balance);
        if (e.RequestId is { } requestId && e.Fingerprint is { } fingerprint)
        {
            Requests[requestId] = new RequestRecord(fingerprint, e.RecordedAt, e);
        }
        Version = sequence;
    }

    /// <summary>The earliest expiry of an open hold: when the member must wake up to release it.</summary>
    public DateTimeOffset? NextHoldExpiry()
    {
        DateTimeOffset? next = null;
        foreach (var hold in Holds.Values)
        {
            if (hold.Status == HoldStatus.Open && (next is null || hold.ExpiresAt < next))
            {
                next = hold.ExpiresAt;
            }
        }
        return next;
    }

    /// <summary>Drops idempotency records older than the retention; a retry after that is a new request.</summary>
    public void ForgetRequestsRecordedBefore(DateTimeOffset cutoff)
    {
        foreach (var (requestId, record) in Requests)
        {
            if (record.RecordedAt < cutoff)
            {
                Requests.Remove(requestId);
            }
        }
    }
}
