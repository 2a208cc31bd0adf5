using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Messaging;
using LoyaltyGrid.Domain.Profiles;
using LoyaltyGrid.Grains.Messaging;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using LoyaltyGrid.Storage.Messaging;

namespace LoyaltyGrid.Grains.Tests.Messaging;

/// <summary>What one step of the messages projection writes, from journal events, held messages and expiry checks (pure, no cluster).</summary>
public sealed class MessageProjectorTests
{
    // 23:30 UTC: inside quiet hours 22:00-08:00 for a member without a time zone.
    private static readonly DateTimeOffset Night = new(2026, 12, 2, 23, 30, 0, TimeSpan.Zero);
    private static readonly MessagingPolicy Policy = new(QuietHoursStartMinute: 22 * 60, QuietHoursEndMinute: 8 * 60, MaxPerDay: 1, ExpiryWarningDays: 7);
    private static readonly string Profile = "profile/" + MemberKey.For("shop", "ann");
    private static readonly string Member = MemberKey.StreamOf(MemberKey.For("shop", "ann"));

    private static JournalEvent[] Journal(DateTimeOffset at) =>
    [
        new(new JournalPosition(1, Profile, 1), ProfileEventCodec.Instance.Encode(new ProfileUpdated(new ContactDetails(Email: "ann@example.com")) { RecordedAt = at })),
        new(new JournalPosition(2, Profile, 2), ProfileEventCodec.Instance.Encode(new ConsentChanged(new Consent(ConsentChannel.Email, true, at, ConsentSource.Pos)) { RecordedAt = at })),
        new(new JournalPosition(3, Member, 1), MemberEventCodec.Instance.Encode(
            new PurchaseRecorded("tx-1", "acme", "s1", "till-1", "EUR", [], 10_00, 100, "base")
            { OccurredAt = at, RecordedAt = at, BalanceAfter = new Balance(100, 0, 0) })),
    ];

    [Fact]
    public void A_purchase_at_night_sends_its_receipt_holds_the_feedback_request_and_schedules_an_expiry_check()
    {
        var projector = new MessageProjector(new Dictionary<(string, string), MessageRecipientRow>(), _ => Policy, Night);
        foreach (var e in Journal(Night))
        {
            projector.Add(e);
        }

        var batch = projector.Build(7, new JournalPosition(3, Member, 1), 3);

        Assert.Equal((7L, 3L), (batch.FromVersion, batch.Events));
        Assert.Equal([new OutboxMessage("shop", 0, "ann", 1, 0b001,
            """{"available":"100","merchant_id":"acme","points":"100","store_id":"s1","transaction_id":"tx-1"}""", Night, Night, Member + ":1:1")],
            batch.Outbox);
        Assert.Equal([new HeldMessage(0, "shop", "ann", 9, Member + ":1:9", Night, """{"merchant_id":"acme","store_id":"s1","transaction_id":"tx-1"}""",
            new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero))], batch.Hold);
        // No balance in the row: the events carry it.
        Assert.Equal([new MessageRecipientRow("shop", "ann", 0b001, 0b001, null, 0, 0, 0, null, 0, null, 0, Night)], batch.Recipients);
        Assert.Equal([new MessageCountChange("shop", 1, 1, 1), new MessageCountChange("shop", 9, 2, 1)], batch.Counts);
    }

    [Fact]
    public void A_released_message_is_decided_again_and_counted_and_a_second_one_that_day_is_capped()
    {
        var morning = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
        var ann = new MessageRecipientRow("shop", "ann", 0b001, 0b001, null, 100, 0, 0, null, 0, null, 0, null);
        var projector = new MessageProjector(new Dictionary<(string, string), MessageRecipientRow> { [("shop", "ann")] = ann }, _ => Policy, morning);

        projector.Release(new HeldMessage(41, "shop", "ann", 9, "a:9", Night, """{"transaction_id":"tx-1"}""", morning));
        projector.Release(new HeldMessage(42, "shop", "ann", 6, "a:6", Night, "{}", morning));
        var batch = projector.Build(8, JournalPosition.Start, 0);

        Assert.Equal([41L, 42L], batch.Released);
        Assert.Equal([("ann", 9, "a:9")], batch.Outbox.Select(m => (m.MemberId, m.Kind, m.SourceKey)));
        Assert.Equal([new MessageCountChange("shop", 9, 1, 1), new MessageCountChange("shop", 6, 4, 1)], batch.Counts);
        Assert.Equal([ann with { Available = 0, CapDay = new DateOnly(2026, 12, 3).DayNumber, DayCount = 1, CapWeek = new DateOnly(2026, 11, 30).DayNumber, WeekCount = 1 }], batch.Recipients);
    }

    [Fact]
    public void An_expiry_check_warns_of_the_points_the_account_says_expire_soon_and_sets_the_next_check()
    {
        var now = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
        var ann = new MessageRecipientRow("shop", "ann", 0b001, 0b001, null, 100, 0, 0, null, 0, null, 0, now);
        var projector = new MessageProjector(new Dictionary<(string, string), MessageRecipientRow> { [("shop", "ann")] = ann }, _ => Policy, now);

        projector.ExpiryChecked("shop", "ann", 100, [new ExpiringPoints(60, now.AddDays(3))]);
        var batch = projector.Build(9, JournalPosition.Start, 0);

        Assert.Equal([(5, """{"expires_at":"2026-12-06T12:00:00.0000000\u002B00:00","points":"60"}""")], batch.Outbox.Select(m => (m.Kind, m.Data)));
        Assert.Equal(now.AddDays(3).AddMinutes(1), batch.Recipients.Single().ExpiryCheckAt);
    }
}
