using LoyaltyGrid.Domain.Security;

namespace LoyaltyGrid.Domain.Tests.Security;

public sealed class AccessPolicyTests
{
    private static readonly ApiKey Terminal = new("t", "till", ApiRole.Terminal, "p1", "m1", "s1", "h", DateTimeOffset.UnixEpoch, "x");

    [Theory]
    [InlineData("p1", "m1", "s1", null)]
    [InlineData("p1", null, null, null)]            // ids left out are the request's validation's to report
    [InlineData("p2", "m1", "s1", "OUTSIDE_KEY_SCOPE")]
    [InlineData("p1", "m2", "s1", "OUTSIDE_KEY_SCOPE")]
    [InlineData("p1", "m1", "s2", "OUTSIDE_KEY_SCOPE")]
    public void A_terminal_checks_out_only_for_its_program_merchant_and_store(string? program, string? merchant, string? store, string? reason) =>
        Assert.Equal(reason, AccessPolicy.Check(Terminal, "Checkout/RecordPurchase", new RequestScope(program, merchant, store))?.Reason);

    [Theory]
    [InlineData("p1", null, null, null)]            // an enrolment that names no place
    [InlineData("p1", "m1", "s1", null)]
    [InlineData("p1", "m2", null, "OUTSIDE_KEY_SCOPE")]
    [InlineData("p1", "m1", "s2", "OUTSIDE_KEY_SCOPE")]
    public void A_terminal_enrols_members_only_at_its_own_merchant_and_store_if_it_names_one(string? program, string? merchant, string? store, string? reason) =>
        Assert.Equal(reason, AccessPolicy.Check(Terminal, "Members/EnrollMember", new RequestScope(program, merchant, store))?.Reason);

    [Theory]
    [InlineData("Checkout/CaptureRedemption")]
    [InlineData("Programs/UpsertTier")]
    [InlineData("Loyalty/SomethingNew")]
    public void A_platform_admin_cannot_spend_points_and_nobody_calls_a_method_the_policy_does_not_list(string method)
    {
        var admin = Terminal with { Role = ApiRole.Admin, ProgramId = null, MerchantId = null, StoreId = null };

        var expected = method == "Programs/UpsertTier" ? null : "ROLE_NOT_ALLOWED";
        Assert.Equal(expected, AccessPolicy.Check(admin, method, new RequestScope("p1", "m1", "s1"))?.Reason);
    }
}
