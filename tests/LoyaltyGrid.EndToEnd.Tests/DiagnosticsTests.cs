using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>
/// The diagnostics the state-size benchmark reads, over gRPC against the real silo: live heap and active members,
/// a member's stored size, and deactivation that the next call undoes by reloading the member from storage.
/// </summary>
public sealed class DiagnosticsTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    // The silo's default Storage:SnapshotEvery.
    private const int SnapshotEvery = 100;

    private Diagnostics.DiagnosticsClient Diagnostics => new(silo.Silo.Channel);

    [Fact]
    public async Task Memory_stats_count_the_live_heap_and_the_members_active_on_the_silo()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var before = await Diagnostics.GetMemoryStatsAsync(new GetMemoryStatsRequest());
        var enrolled = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            enrolled.Add(await Pos.EnrollAsync(silo, program));
        }

        var loaded = await Diagnostics.GetMemoryStatsAsync(new GetMemoryStatsRequest());
        await Diagnostics.DeactivateMemberAsync(new DeactivateMemberRequest { ProgramId = program, MemberId = enrolled[0] });
        var afterDeactivation = await Diagnostics.GetMemoryStatsAsync(new GetMemoryStatsRequest());

        Assert.True(before.LiveHeapBytes > 1_000_000, $"a silo's live heap is megabytes, got {before.LiveHeapBytes} bytes");
        Assert.True(before.CollectionTime.ToTimeSpan() > TimeSpan.Zero);
        Assert.True(loaded.ActiveMembers >= before.ActiveMembers + 3, $"{before.ActiveMembers} active before, {loaded.ActiveMembers} after enrolling 3");
        Assert.True(afterDeactivation.ActiveMembers <= loaded.ActiveMembers - 1,
            $"{loaded.ActiveMembers} active before deactivating one, {afterDeactivation.ActiveMembers} after");
    }

    [Fact]
    public async Task A_member_past_snapshot_every_events_has_a_snapshot_and_answers_the_same_after_deactivation()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var member = await Pos.EnrollAsync(silo, program);
        const int purchases = SnapshotEvery + 5;
        for (var i = 0; i < purchases; i++)
        {
            await silo.Checkout.RecordPurchaseAsync(Pos.Purchase(program, member, ("sku-1", 1, 1000)));
        }

        // The snapshot is written off the request path, shortly after the event that calls for it.
        var storage = await Diagnostics.GetMemberStorageAsync(new GetMemberStorageRequest { ProgramId = program, MemberId = member });
        for (var wait = 0; storage.SnapshotSequence == 0 && wait < 50; wait++)
        {
            await Task.Delay(100);
            storage = await Diagnostics.GetMemberStorageAsync(new GetMemberStorageRequest { ProgramId = program, MemberId = member });
        }
        var active = (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member;
        await Diagnostics.DeactivateMemberAsync(new DeactivateMemberRequest { ProgramId = program, MemberId = member });
        var reloaded = (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member;

        Assert.Equal(1 + purchases, storage.LastSequence);
        Assert.InRange(storage.SnapshotSequence, SnapshotEvery, storage.LastSequence);
        Assert.True(storage.SnapshotBytes > 0);
        Assert.Equal(100L * purchases, active.Balance.Available);
        Assert.Equal(active, reloaded);
    }

    [Fact]
    public async Task Malformed_ids_are_invalid_and_a_member_never_enrolled_is_not_found()
    {
        var program = await Pos.CreateProgramAsync(silo);

        var storageOfNobody = await Pos.RefusedAsync(Diagnostics.GetMemberStorageAsync(new GetMemberStorageRequest { ProgramId = program, MemberId = "nobody" }));
        var deactivateNobody = await Pos.RefusedAsync(Diagnostics.DeactivateMemberAsync(new DeactivateMemberRequest { ProgramId = program, MemberId = "nobody" }));
        var malformedStorage = await Pos.RefusedAsync(Diagnostics.GetMemberStorageAsync(new GetMemberStorageRequest { ProgramId = "a/b", MemberId = "" }));
        var malformedDeactivate = await Pos.RefusedAsync(Diagnostics.DeactivateMemberAsync(new DeactivateMemberRequest { ProgramId = "", MemberId = "a b" }));

        Assert.Equal((StatusCode.NotFound, "MEMBER_NOT_FOUND"), (storageOfNobody.Code, storageOfNobody.Reason));
        Assert.Equal((StatusCode.NotFound, "MEMBER_NOT_FOUND"), (deactivateNobody.Code, deactivateNobody.Reason));
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST", "program_id member_id"),
            (malformedStorage.Code, malformedStorage.Reason, string.Join(' ', malformedStorage.Fields)));
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST", "program_id member_id"),
            (malformedDeactivate.Code, malformedDeactivate.Reason, string.Join(' ', malformedDeactivate.Fields)));
    }
}
