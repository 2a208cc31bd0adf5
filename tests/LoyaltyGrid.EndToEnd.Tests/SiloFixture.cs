using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>One silo process shared by a test class; each test makes its own program and members.</summary>
public abstract class SiloFixture : IAsyncLifetime
{
    public SiloProcess Silo { get; private set; } = null!;

    public Programs.ProgramsClient Programs => new(Silo.Channel);

    public Members.MembersClient Members => new(Silo.Channel);

    public Checkout.CheckoutClient Checkout => new(Silo.Channel);

    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync(await CreateOptionsAsync());

    public async Task DisposeAsync() => await Silo.DisposeAsync();

    protected abstract Task<SiloOptions> CreateOptionsAsync();

    protected void Use(SiloProcess silo) => Silo = silo;
}

public sealed class EmbeddedSiloFixture : SiloFixture
{
    protected override Task<SiloOptions> CreateOptionsAsync() =>
        Task.FromResult(SiloOptions.Embedded(Directory.CreateTempSubdirectory("lg-e2e-").FullName));
}

public sealed class PostgresSiloFixture : SiloFixture
{
    protected override async Task<SiloOptions> CreateOptionsAsync() =>
        SiloOptions.Postgres(await PostgresDatabase.CreateAsync());
}
