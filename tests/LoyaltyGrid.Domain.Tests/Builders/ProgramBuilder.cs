using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Tests.Builders;

/// <summary>
/// Builds program settings through <see cref="CreateProgram"/>, so the defaults are the real ones:
/// EUR, 10 points per euro, negative balances allowed, 15-minute holds, 7-day offline window.
/// </summary>
public sealed class ProgramBuilder
{
    private string currency = "EUR";
    private long pointsPerCurrencyUnit = 10;
    private bool? allowNegativeBalance;
    private TimeSpan? holdTtl;
    private TimeSpan? offlineWindow;

    public ProgramBuilder InCurrency(string code, long pointsPerUnit)
    {
        currency = code;
        pointsPerCurrencyUnit = pointsPerUnit;
        return this;
    }

    public ProgramBuilder EarningPerCurrencyUnit(long points)
    {
        pointsPerCurrencyUnit = points;
        return this;
    }

    public ProgramBuilder WithoutNegativeBalances()
    {
        allowNegativeBalance = false;
        return this;
    }

    public ProgramBuilder WithNegativeBalances()
    {
        allowNegativeBalance = true;
        return this;
    }

    public ProgramBuilder HoldingFor(TimeSpan ttl)
    {
        holdTtl = ttl;
        return this;
    }

    public ProgramBuilder AcceptingOfflineFor(TimeSpan window)
    {
        offlineWindow = window;
        return this;
    }

    public CreateProgram Request() =>
        new("req-program", "prog-1", "Test rewards", currency, pointsPerCurrencyUnit, holdTtl, allowNegativeBalance, offlineWindow);

    public ProgramSettings Build()
    {
        var request = Request();
        request.Validate();
        return request.ToSettings(TestClock.Start);
    }
}
