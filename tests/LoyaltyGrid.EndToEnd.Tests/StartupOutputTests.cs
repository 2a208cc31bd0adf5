namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>What a newcomer sees when the silo starts with its default log levels, from a directory of their own.</summary>
public sealed class StartupOutputTests
{
    [Fact]
    public async Task First_start_shows_the_endpoint_and_the_admin_key_and_no_warnings_or_library_chatter()
    {
        await using var silo = await SiloProcess.StartAsync(SiloOptions.Embedded(Directory.CreateTempSubdirectory("lg-e2e-").FullName)
            with { DefaultLogging = true, GeneratedBootstrapKey = true });
        // The first grain calls (placement, the key directory) are where library chatter used to appear; the
        // generated key is printed once the key directory has answered.
        for (var i = 0; i < 50 && !silo.Output.Contains("this admin key was generated", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
        }
        await Task.Delay(1000);

        var output = silo.Output;
        Assert.Contains("Now listening on: " + silo.Url, output, StringComparison.Ordinal);
        Assert.Contains("this admin key was generated", output, StringComparison.Ordinal);
        Assert.DoesNotContain("warn:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Polly", output, StringComparison.Ordinal);
        Assert.DoesNotContain("info: Orleans", output, StringComparison.Ordinal);
    }
}
