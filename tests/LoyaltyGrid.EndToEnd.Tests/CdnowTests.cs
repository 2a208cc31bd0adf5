using LoyaltyGrid.Cdnow;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>
/// samples/cdnow end to end, as samples/cdnow/run.sh does it but with the repository's copy of the data (CI has no
/// ../shared): a silo on the embedded default, the sample's client over real gRPC (ImportMembers, ImportPurchaseHistory,
/// the projection, FitLifetimeValueModel), and the published CDNOW parameters within 1%.
/// </summary>
public sealed class CdnowTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    private static readonly string Data = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "LoyaltyGrid.Domain.Tests", "Insights", "Data", "CDNOW_sample.txt");

    [Fact]
    public async Task The_cdnow_sample_imported_through_the_api_fits_to_the_published_parameters_within_one_percent()
    {
        var fit = await CdnowRun.RunAsync(silo.Silo.Channel, Data, "cdnow", TextWriter.Null);

        // Fader, Hardie & Lee (2005); Fader & Hardie (2013), gamma in dollars (the API's money is in cents).
        AssertWithinOnePercent(0.243, fit.Bgnbd.R);
        AssertWithinOnePercent(4.414, fit.Bgnbd.Alpha);
        AssertWithinOnePercent(0.793, fit.Bgnbd.A);
        AssertWithinOnePercent(2.426, fit.Bgnbd.B);
        AssertWithinOnePercent(6.25, fit.GammaGamma.P);
        AssertWithinOnePercent(3.74, fit.GammaGamma.Q);
        AssertWithinOnePercent(15.44, fit.GammaGamma.Gamma / 100);
        Assert.Equal(-9582.4, fit.Bgnbd.LogLikelihood, 0.5);
        Assert.Equal((2357L, 946L), (fit.Members, fit.RepeatMembers));
        Assert.Equal(["bgnbd r=0.243 alpha=4.414 a=0.793 b=2.426", "gammagamma p=6.25 q=3.74 gamma=15.44"], CdnowRun.Lines(fit));
    }

    private static void AssertWithinOnePercent(double published, double fitted) => Assert.InRange(fitted, published * 0.99, published * 1.01);
}
