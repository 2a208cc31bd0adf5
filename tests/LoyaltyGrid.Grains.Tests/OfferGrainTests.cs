using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Offers;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage;
using Orleans.Core.Internal;

namespace LoyaltyGrid.Grains.Tests;

/// <summary>Offer and member-offers grains in a two-silo cluster: counts survive a snapshot, and a retried response is counted once.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OfferGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_offer_reactivated_from_its_snapshot_keeps_its_counts_and_a_retried_acceptance_is_not_counted_again()
    {
        var program = NewId();
        (await fixture.Grains.GetGrain<IProgramGrain>(program).Create(new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        var members = Enumerable.Range(1, 6).Select(i => $"m{i}").ToArray();
        foreach (var member in members)
        {
            (await fixture.Grains.GetGrain<IMemberGrain>(MemberKey.For(program, member)).Enroll(new EnrollMember(NewId(), program, member, null))).Unwrap();
        }
        var key = OfferKey.For(program, "welcome");
        var offer = fixture.Grains.GetGrain<IOfferGrain>(key);
        var now = fixture.Time.GetUtcNow();
        (await offer.Create(new CreateOffer(NewId(), program, "admin", "welcome", "Welcome", null, OfferKind.BonusPoints, 50, null, null, [], [], [],
            null, now.AddDays(7), 1, 0, 0))).Unwrap();
        // 1 definition + 6 × (shown, accepted) = 13 events: snapshots at 5 and 10 (the cluster's SnapshotEvery is 5).
        var accepts = members.Select(m => new RespondToOffer($"req-{m}", program, m, "welcome", OfferResponse.Accepted, "app")).ToArray();
        foreach (var (member, accept) in members.Zip(accepts))
        {
            var responses = fixture.Grains.GetGrain<IMemberOffersGrain>(MemberKey.For(program, member));
            (await responses.Respond(new RespondToOffer($"show-{member}", program, member, "welcome", OfferResponse.Shown, "app"))).Unwrap();
            (await responses.Respond(accept)).Unwrap();
        }
        StoredSnapshot? snapshot = null;
        for (var i = 0; i < 50 && snapshot is not { Sequence: 10 }; i++)
        {
            await Task.Delay(100); // written off the grain's turn
            snapshot = await fixture.Store.ReadSnapshotAsync(OfferKey.StreamOf(key), CancellationToken.None);
        }
        Assert.Equal(10, snapshot?.Sequence);

        await offer.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);
        var retried = (await fixture.Grains.GetGrain<IMemberOffersGrain>(MemberKey.For(program, "m1")).Respond(accepts[0])).Unwrap();
        var again = await fixture.Grains.GetGrain<IMemberOffersGrain>(MemberKey.For(program, "m1"))
            .Respond(accepts[0] with { RequestId = "req-m1-again" });
        var view = (await offer.View()).Unwrap();
        var balance = (await fixture.Grains.GetGrain<IMemberGrain>(MemberKey.For(program, "m1")).Get()).Unwrap().Balance;

        Assert.Equal((OfferResponse.Accepted, 1, 50L), (retried.Response, retried.Acceptance, retried.Points));
        Assert.Equal((ErrorKind.FailedPrecondition, "OFFER_CAP_REACHED"), (again.Error!.Kind, again.Error.Reason));
        Assert.Equal(new OfferCounts(Shown: 6, Accepted: 6, AcceptedMembers: 6, Declined: 0, Redeemed: 6), view.Counts);
        Assert.Equal((50L, 50L), (balance.Available, balance.LifetimeEarned));
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..20];
}
