using System.Text;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Orleans.Core.Internal;

namespace LoyaltyGrid.Grains.Tests;

/// <summary>The one event-sourcing seam, seen through the grains that use it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class JournaledStreamTests(ClusterFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_snapshot_of_a_legacy_or_unknown_version_is_ignored_and_the_stream_replayed()
    {
        var program = NewId();
        (await fixture.Grains.GetGrain<IProgramGrain>(program).Create(
            new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        var member = NewId();
        var grain = Member(program, member);
        (await grain.Enroll(new EnrollMember(NewId(), program, member, null))).Unwrap();
        for (var i = 0; i < 12; i++)
        {
            (await grain.RecordPurchase(new RecordPurchase(NewId(), program, member, "m", "s", "t", "EUR",
                [new PurchaseLine("sku", "general", 1, 1000)], fixture.Time.GetUtcNow()))).Unwrap();
        }
        var stream = MemberKey.StreamOf(MemberKey.For(program, member));
        var expected = new Balance(Available: 1200, LifetimeEarned: 1200);

        // A headerless JSON snapshot (as 0384d1b wrote them) that would give a wrong balance if it were read.
        await fixture.Store.WriteSnapshotAsync(new StoredSnapshot(stream, 13,
            Encoding.UTF8.GetBytes("""{"Version":13,"Balance":{"Available":999999}}""")), None);
        await DeactivateAsync(grain);
        Assert.Equal(expected, (await grain.Get()).Unwrap().Balance);

        // An envelope of a body version this release does not know (a newer release's, or a retired one).
        await fixture.Store.WriteSnapshotAsync(new StoredSnapshot(stream, 14,
            SnapshotEnvelope.Wrap((ushort)(MemberSnapshotCodec.Instance.Version + 1), [1, 2, 3])), None);
        await DeactivateAsync(grain);
        Assert.Equal(expected, (await grain.Get()).Unwrap().Balance);
    }

    [Fact]
    public async Task A_card_alias_whose_append_failed_is_rebuilt_from_storage_and_sees_the_durable_owner()
    {
        var key = CardAliasKey.For(NewId(), "card-1");
        var card = fixture.Grains.GetGrain<ICardAliasGrain>(key);
        Assert.True((await card.Claim("bob")).Unwrap());

        // Another writer (a second activation during a partition, or a commit that landed although its caller saw
        // it fail) got there first: this activation's view is stale and its append conflicts.
        await fixture.Store.AppendAsync(
            [new StreamAppend(CardAliasKey.StreamOf(key), 2, [CardAliasEventCodec.Instance.Encode(new CardAliasOwnerChanged("mallory", fixture.Time.GetUtcNow()))])], None);
        await Assert.ThrowsAnyAsync<Exception>(() => card.Release("bob"));
        await Task.Delay(200);

        Assert.Equal("mallory", (await card.Owner()).Unwrap());
        Assert.Equal("CARD_ALIAS_TAKEN", (await card.Claim("alice")).Error!.Reason);
    }

    [Fact]
    public async Task Every_grain_writes_its_events_in_the_versioned_format()
    {
        var program = NewId();
        var member = NewId();
        (await fixture.Grains.GetGrain<IProgramGrain>(program).Create(
            new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        (await Member(program, member).Enroll(new EnrollMember(NewId(), program, member, "card-9"))).Unwrap();

        var memberRow = (await fixture.Store.ReadForwardAsync(MemberKey.StreamOf(MemberKey.For(program, member)), 0, None)).Single();
        var programRow = (await fixture.Store.ReadForwardAsync("program/" + program, 0, None)).Single();
        var cardRow = (await fixture.Store.ReadForwardAsync(CardAliasKey.StreamOf(CardAliasKey.For(program, "card-9")), 0, None)).Single();

        Assert.Equal(PayloadHeader.Protobuf, memberRow.Payload[0]);
        Assert.Equal(PayloadHeader.Json, programRow.Payload[0]);
        Assert.Equal(PayloadHeader.Protobuf, cardRow.Payload[0]);
        Assert.Equal(member, Assert.IsType<MemberEnrolled>(MemberEventCodec.Instance.Decode(memberRow.Payload)).MemberId);
        Assert.Equal(member, CardAliasEventCodec.Instance.Decode(cardRow.Payload).MemberId);
    }

    private IMemberGrain Member(string program, string member) => fixture.Grains.GetGrain<IMemberGrain>(MemberKey.For(program, member));

    private static async Task DeactivateAsync(IMemberGrain grain)
    {
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..20];
}
