using Orleans.Runtime;

namespace LoyaltyGrid.Baseline;

/// <summary>
/// The textbook Orleans grain (dotnet/orleans samples, BankAccount): state injected with <c>[PersistentState]</c>,
/// changed in memory, then <c>WriteStateAsync</c> before answering, so every acknowledged purchase is one row
/// update (and one PostgreSQL commit) of the member's whole state.
/// </summary>
public sealed class BaselineMemberGrain(
    [PersistentState("member", BaselineOptions.StorageName)] IPersistentState<BaselineMemberState> state)
    : Grain, IBaselineMemberGrain
{
    /// <summary>Earn rate, fixed: points per 1.00 of currency (the load generator's programs use 10 as well).</summary>
    public const long PointsPerCurrencyUnit = 10;

    // Retries are answered for a member's last 100 purchase requests; older ids would be counted again. Bounded so the
    // state written per purchase stays the same size however long the run.
    private const int RememberedRequests = 100;

    public async Task<BaselineReply> Enroll(string requestId)
    {
        var member = state.State;
        if (member.Enrolled)
        {
            return member.EnrollRequestId == requestId ? Reply(member, "", 0) : BaselineReply.Refused(BaselineOutcome.AlreadyEnrolled);
        }

        member.Enrolled = true;
        member.EnrollRequestId = requestId;
        member.EnrolledAt = DateTime.UtcNow;
        await WriteAsync();
        return Reply(member, "", 0);
    }

    public async Task<BaselineReply> RecordPurchase(BaselinePurchase purchase)
    {
        var member = state.State;
        if (!member.Enrolled)
        {
            return BaselineReply.Refused(BaselineOutcome.MemberNotFound);
        }

        var earlier = member.Recent.Find(r => r.RequestId == purchase.RequestId);
        if (earlier is not null)
        {
            return earlier.TotalMinor == purchase.TotalMinor
                ? new BaselineReply(BaselineOutcome.Ok, earlier.TransactionId, earlier.PointsEarned, earlier.Available, earlier.LifetimeEarned, member.EnrolledAt)
                : BaselineReply.Refused(BaselineOutcome.RequestIdReused);
        }

        // floor(total × rate / 100): the currency has 2 minor digits (EUR).
        long points = purchase.TotalMinor * PointsPerCurrencyUnit / 100;
        member.Purchases++;
        member.Available += points;
        member.LifetimeEarned += points;
        string transactionId = $"{this.GetPrimaryKeyString()}/t{member.Purchases}";
        if (member.Recent.Count == RememberedRequests)
        {
            member.Recent.RemoveAt(0);
        }

        member.Recent.Add(new RememberedPurchase
        {
            RequestId = purchase.RequestId,
            TotalMinor = purchase.TotalMinor,
            TransactionId = transactionId,
            PointsEarned = points,
            Available = member.Available,
            LifetimeEarned = member.LifetimeEarned,
        });
        await WriteAsync();
        return Reply(member, transactionId, points);
    }

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The change is in memory but maybe not on disk: start over from what storage has on the next call.
            DeactivateOnIdle();
            throw;
        }
    }

    private static BaselineReply Reply(BaselineMemberState member, string transactionId, long points) =>
        new(BaselineOutcome.Ok, transactionId, points, member.Available, member.LifetimeEarned, member.EnrolledAt);
}
