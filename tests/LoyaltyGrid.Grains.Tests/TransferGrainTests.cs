using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using Orleans.Core.Internal;

namespace LoyaltyGrid.Grains.Tests;

/// <summary>A transfer left in flight (the caller died between the debit and the credit) is finished by the sender's grain.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TransferGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_transfer_debited_but_never_credited_is_delivered_by_the_senders_wake_up_once_even_after_reactivation()
    {
        var program = NewId();
        (await fixture.Grains.GetGrain<IProgramGrain>(program).Create(new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        var (ann, bob) = (NewId(), NewId());
        (await Member(program, ann).Enroll(new EnrollMember(NewId(), program, ann, null))).Unwrap();
        (await Member(program, bob).Enroll(new EnrollMember(NewId(), program, bob, null))).Unwrap();
        (await Member(program, ann).RecordPurchase(new RecordPurchase(NewId(), program, ann, "merchant-1", "store-1", "term-1", "EUR",
            [new PurchaseLine("sku-1", "general", 1, 5000)], fixture.Time.GetUtcNow()))).Unwrap();

        // The debit only: as if the caller died before crediting the receiver.
        var sent = (await Member(program, ann).TransferPoints(new TransferPoints(NewId(), program, ann, bob, 200, "gift") { RecipientEnrolled = true })).Unwrap();
        Assert.True(sent.InFlight);
        Assert.Contains(MemberKey.StreamOf(MemberKey.For(program, ann)),
            await fixture.Store.ReadDueWakeUpsAsync(fixture.Time.GetUtcNow(), 1000, CancellationToken.None));
        await Member(program, ann).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200); // deactivation completes after the call returns

        // What the silo's wake-up service does for a member with something due; a second wake-up finds nothing to do.
        await Member(program, ann).WakeUp();
        await Member(program, ann).WakeUp();
        // A late duplicate delivery (the caller's own credit arriving after all) changes nothing.
        (await Member(program, bob).ReceiveTransfer(ReceiveTransfer.Of(program, ann, sent.Sent))).Unwrap();

        Assert.Equal(new Balance(Available: 300, LifetimeEarned: 500, LifetimeTransferredOut: 200), (await Member(program, ann).Get()).Unwrap().Balance);
        Assert.Equal(new Balance(Available: 200, LifetimeTransferredIn: 200), (await Member(program, bob).Get()).Unwrap().Balance);
        Assert.DoesNotContain(MemberKey.StreamOf(MemberKey.For(program, ann)),
            await fixture.Store.ReadDueWakeUpsAsync(fixture.Time.GetUtcNow(), 1000, CancellationToken.None));
    }

    private IMemberGrain Member(string program, string member) => fixture.Grains.GetGrain<IMemberGrain>(MemberKey.For(program, member));

    private static string NewId() => Guid.NewGuid().ToString("N")[..20];
}
