using LoyaltyGrid.Domain.Security;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Security;

public sealed class KeyDirectoryTests
{
    private static readonly DateTimeOffset Now = TestClock.Start;
    private static readonly ApiKey Admin = Key("admin", ApiRole.Admin, null, null, null);
    private static readonly ApiKey ProgramAdmin = Key("padmin", ApiRole.ProgramAdmin, "p1", null, null);
    private static readonly ApiKey MerchantAdmin = Key("madmin", ApiRole.MerchantAdmin, "p1", "m1", null);
    private static readonly ApiKey Terminal = Key("till", ApiRole.Terminal, "p1", "m1", "s1");

    public static TheoryData<string, ApiRole, string?, string?, string?, bool> WhoMayIssueWhat => new()
    {
        { "admin", ApiRole.Admin, null, null, null, true },
        { "admin", ApiRole.Terminal, "p2", "m9", "s9", true },
        { "padmin", ApiRole.ProgramAdmin, "p1", null, null, true },
        { "padmin", ApiRole.Terminal, "p1", "m2", "s2", true },
        { "padmin", ApiRole.Admin, null, null, null, false },
        { "padmin", ApiRole.MerchantAdmin, "p2", "m1", null, false },
        { "madmin", ApiRole.Terminal, "p1", "m1", "s7", true },
        { "madmin", ApiRole.Terminal, "p1", "m2", "s1", false },
        { "madmin", ApiRole.MerchantAdmin, "p1", "m1", null, false },
        { "till", ApiRole.Terminal, "p1", "m1", "s1", false },
    };

    [Theory]
    [MemberData(nameof(WhoMayIssueWhat))]
    public void A_key_may_issue_only_keys_within_its_own_reach(string issuer, ApiRole role, string? program, string? merchant, string? store, bool allowed)
    {
        var directory = new KeyDirectory();
        var caller = new[] { Admin, ProgramAdmin, MerchantAdmin, Terminal }.Single(k => k.KeyId == issuer);
        var command = new IssueApiKey("req-1", "new key", role, program, merchant, store);

        if (allowed)
        {
            var issued = directory.Issue(command, caller, "k1", "hash", Now);
            Assert.Equal((role, program, merchant, store, caller.Actor), (issued.Key.Role, issued.Key.ProgramId, issued.Key.MerchantId, issued.Key.StoreId, issued.Key.CreatedBy));
        }
        else
        {
            var refused = Assert.Throws<LoyaltyException>(() => directory.Issue(command, caller, "k1", "hash", Now));
            Assert.Equal((ErrorKind.PermissionDenied, "ROLE_NOT_ALLOWED"), (refused.Error.Kind, refused.Error.Reason));
        }
    }

    [Theory]
    [InlineData(ApiRole.Terminal, "p1", "m1", null, "store_id")]
    [InlineData(ApiRole.MerchantAdmin, "p1", null, null, "merchant_id")]
    [InlineData(ApiRole.ProgramAdmin, null, null, null, "program_id")]
    [InlineData(ApiRole.Admin, "p1", null, null, "role")]
    public void A_key_must_name_exactly_the_scope_its_role_needs(ApiRole role, string? program, string? merchant, string? store, string field)
    {
        var refused = Assert.Throws<LoyaltyException>(() =>
            new KeyDirectory().Issue(new IssueApiKey("req-1", "k", role, program, merchant, store), Admin, "k1", "hash", Now));

        Assert.Equal(Refusal.Invalid(field), Refusal.Of(refused.Error));
    }

    [Fact]
    public void A_request_id_that_issued_a_key_cannot_issue_it_again_because_the_key_was_shown_once()
    {
        var directory = new KeyDirectory();
        var command = new IssueApiKey("req-1", "till", ApiRole.Terminal, "p1", "m1", "s1");
        directory.Apply(directory.Issue(command, Admin, "k1", "hash", Now), 1);

        var refused = Assert.Throws<LoyaltyException>(() => directory.Issue(command, Admin, "k2", "hash2", Now));

        Assert.Equal((ErrorKind.AlreadyExists, "KEY_ALREADY_ISSUED"), (refused.Error.Kind, refused.Error.Reason));
    }

    [Fact]
    public void A_revocation_records_who_and_when_and_revoking_again_changes_nothing()
    {
        var directory = new KeyDirectory();
        directory.Apply(directory.Issue(new IssueApiKey("req-1", "till", ApiRole.Terminal, "p1", "m1", "s1"), MerchantAdmin, "k1", "hash", Now), 1);

        directory.Apply(directory.Revoke("req-2", "k1", MerchantAdmin, Now.AddHours(1))!, 2);

        Assert.Equal((Now.AddHours(1), MerchantAdmin.Actor), (directory.Find("k1")!.RevokedAt, directory.Find("k1")!.RevokedBy));
        Assert.Null(directory.Revoke("req-3", "k1", MerchantAdmin, Now.AddHours(2)));
    }

    [Fact]
    public void A_merchant_admin_sees_and_revokes_only_its_own_terminals()
    {
        var directory = new KeyDirectory();
        directory.Apply(directory.Issue(new IssueApiKey("req-1", "mine", ApiRole.Terminal, "p1", "m1", "s1"), Admin, "k1", "h", Now), 1);
        directory.Apply(directory.Issue(new IssueApiKey("req-2", "theirs", ApiRole.Terminal, "p1", "m2", "s1"), Admin, "k2", "h", Now), 2);

        Assert.Equal(["k1"], directory.Visible(MerchantAdmin, "p1").Select(k => k.KeyId));
        var refused = Assert.Throws<LoyaltyException>(() => directory.Revoke("req-3", "k2", MerchantAdmin, Now));
        Assert.Equal(ErrorKind.PermissionDenied, refused.Error.Kind);
    }

    private static ApiKey Key(string id, ApiRole role, string? program, string? merchant, string? store) =>
        new(id, id, role, program, merchant, store, "hash", Now, "test");
}
