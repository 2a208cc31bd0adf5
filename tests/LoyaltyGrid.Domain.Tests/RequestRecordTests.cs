using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Domain.Tests;

/// <summary>A remembered request keeps its fingerprint as 16 bytes when it can, and always gives the recorded text back.</summary>
public sealed class RequestRecordTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 14, 15, 9, 26, TimeSpan.Zero);

    [Theory]
    [InlineData("2:q83vEjRWeJCrze8SNFZ4kA==")]      // version 2: "2:" and the base64 of 16 bytes
    [InlineData("q83vEjRWeJCrze8SNFZ4kA==")]        // before version 2: the base64 alone
    [InlineData("2:fp")]                            // anything else is kept as it is
    [InlineData("2:q83vEjRWeJCrze8SNFZ4kB==")]      // non-canonical base64 (padding bits set) would not encode back
    [InlineData("")]
    public void The_recorded_fingerprint_reads_back_unchanged(string fingerprint)
    {
        var record = new RequestRecord(fingerprint, At, 42);

        Assert.Equal((fingerprint, At, 42L), (record.Fingerprint, record.RecordedAt, record.Sequence));
        Assert.Equal(new RequestRecord(fingerprint, At, 42), record);
    }

    [Fact]
    public void Fingerprints_that_differ_in_one_bit_or_in_their_version_are_different_records()
    {
        var v2 = new RequestRecord("2:q83vEjRWeJCrze8SNFZ4kA==", At, 1);

        Assert.NotEqual(v2, new RequestRecord("2:q83vEjRWeJCrze8SNFZ4kQ==", At, 1));
        Assert.NotEqual(v2, new RequestRecord("q83vEjRWeJCrze8SNFZ4kA==", At, 1));
    }

    [Fact]
    public void A_fingerprint_of_a_real_command_matches_after_being_remembered()
    {
        var command = new EnrollMember("req-1", "prog-1", "member-1", null);
        var fingerprint = Fingerprint.Of(command);

        var record = new RequestRecord(fingerprint, At, 1);

        Assert.True(Fingerprint.Matches(record.Fingerprint, command, fingerprint));
    }
}
