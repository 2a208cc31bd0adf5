using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Properties;

/// <summary>A program and a history of operations on one enrolled member of it.</summary>
public sealed record MemberScenario(string Currency, long PointsPerCurrencyUnit, bool AllowNegativeBalance, IReadOnlyList<MemberOperation> Operations)
{
    public ProgramSettings Program()
    {
        var program = new ProgramBuilder().InCurrency(Currency, PointsPerCurrencyUnit);
        return (AllowNegativeBalance ? program.WithNegativeBalances() : program.WithoutNegativeBalances()).Build();
    }

    public override string ToString() =>
        $"{Currency} x{PointsPerCurrencyUnit}, negative balances {(AllowNegativeBalance ? "on" : "off")}:{Environment.NewLine}  " +
        string.Join(Environment.NewLine + "  ", Operations);
}
