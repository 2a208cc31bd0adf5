using LoyaltyGrid.Domain.Security;

namespace LoyaltyGrid.Domain.Tests.Security;

public sealed class ApiKeySecretTests
{
    [Fact]
    public void A_generated_key_parses_back_to_its_id_and_its_secret_matches_only_its_own_hash()
    {
        var (keyId, text) = ApiKeySecret.Generate();
        var (parsedId, secret) = ApiKeySecret.Parse(text)!.Value;
        var key = Key(keyId, ApiKeySecret.Hash(secret));

        Assert.Equal(keyId, parsedId);
        Assert.True(ApiKeySecret.Matches(key, secret));
        Assert.False(ApiKeySecret.Matches(key, secret + "x"));
        Assert.DoesNotContain(secret, key.SecretHash, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_generated_keys_differ_in_id_and_secret()
    {
        var (a, b) = (ApiKeySecret.Generate(), ApiKeySecret.Generate());

        Assert.NotEqual(a.KeyId, b.KeyId);
        Assert.NotEqual(ApiKeySecret.Parse(a.Key)!.Value.Secret, ApiKeySecret.Parse(b.Key)!.Value.Secret);
    }

    [Fact]
    public void Text_not_in_the_lg_form_is_read_as_a_configured_bootstrap_key_whose_id_derives_from_it()
    {
        const string configured = "a-bootstrap-key-chosen-by-the-operator-0001";

        var parsed = ApiKeySecret.Parse(configured)!.Value;

        Assert.Equal((ApiKeySecret.BootstrapKeyId(configured), configured), parsed);
        Assert.True(ApiKeySecret.Matches(Key(parsed.KeyId, ApiKeySecret.Hash(configured)), parsed.Secret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Nothing_is_not_a_key(string? text) => Assert.Null(ApiKeySecret.Parse(text));

    private static ApiKey Key(string id, string hash) => new(id, "test", ApiRole.Terminal, "p", "m", "s", hash, DateTimeOffset.UnixEpoch, "test");
}
