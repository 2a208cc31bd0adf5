using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoyaltyGrid.Domain.Rewards;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests.Rewards;

/// <summary>
/// On random histories of redemptions (debited or refused), cancellations, stock updates and time passing, a reward
/// never has more units taken than its stock, nor a member more than the limit, and the units taken are exactly the
/// redemptions reserved or issued.
/// </summary>
public sealed class RewardStockProperties
{
    /// <summary>(kind 0-5, member 0-4, pick).</summary>
    private static Gen<(int Kind, int Member, int Pick)[]> Histories() =>
        Gen.Choose(0, 5).SelectMany(k => Gen.Choose(0, 4).SelectMany(m => Gen.Choose(0, 1_000).Select(p => (k, m, p)))).ArrayOf();

    [Property(MaxTest = 300)]
    public Property Units_taken_never_exceed_the_stock_nor_a_member_the_limit() =>
        Prop.ForAll(Gen.Choose(1, 6).ToArbitrary(), Gen.Choose(0, 3).ToArbitrary(), Histories().ToArbitrary(), (stock, limit, history) =>
        {
            var rules = new RulesBuilder().Rules;
            var state = new RewardState();
            var now = TestClock.Start;
            var sequence = 0;
            var request = 0;
            void Apply(RewardEvent e) => state.Apply(e, ++sequence);
            DefineReward Definition(long units, bool create) => new($"req-{++request}", RulesBuilder.ProgramId, create, "admin", "coffee", "Coffee", "",
                RewardKind.FixedDiscount, 300, null, 500, 0, null, null, 0, null, units, limit, null, null, [], TimeSpan.FromDays(2));
            Apply(RewardBook.Define(state, rules, Definition(stock, true), now).New!);
            foreach (var (kind, member, pick) in history)
            {
                try
                {
                    switch (kind)
                    {
                        case 0 or 1 or 2:
                            var (reserved, _) = RewardBook.Reserve(state, new RedeemReward($"req-{++request}", RulesBuilder.ProgramId, $"m{member}", "coffee"),
                                $"{request:D10}", now);
                            Apply(reserved!);
                            // The member's account debits (issued) or refuses (released) it.
                            Apply(kind == 2
                                ? new RewardReservationReleased(reserved!.Code, "INSUFFICIENT_POINTS") { At = now }
                                : new RewardIssued(reserved!.Code, 0) { At = now });
                            break;
                        case 3:
                            var issued = state.Redemptions.Values.Where(r => r.Status == RedemptionStatus.Issued).ToArray();
                            if (issued.Length > 0)
                            {
                                var code = issued[pick % issued.Length];
                                var (cancelled, _) = RewardBook.Cancel(state,
                                    new CancelRewardRedemption($"req-{++request}", RulesBuilder.ProgramId, code.MemberId, code.Code), now);
                                Apply(cancelled!);
                                Apply(new RewardRefunded(code.Code, 0) { At = now });
                            }
                            break;
                        case 4:
                            var (updated, _) = RewardBook.Define(state, rules, Definition(1 + pick % 6, false), now);
                            Apply(updated!);
                            break;
                        default:
                            now = now.AddHours(pick % 72);
                            break;
                    }
                }
                catch (LoyaltyException)
                {
                    // A refusal changes nothing; the invariants below must still hold.
                }
                var live = state.Redemptions.Values.Where(r => r.Status is RedemptionStatus.Reserved or RedemptionStatus.Issued).ToArray();
                Assert.True(state.Taken <= state.Reward!.Stock, $"{state.Taken} taken of {state.Reward.Stock}");
                Assert.True(limit == 0 || state.TakenByMember.Values.All(n => n <= limit));
                Assert.Equal(state.TakenByMember.Values.Sum(), state.Taken);
                // Issued codes may be forgotten once expired past the retention, never the units they took.
                Assert.True(live.Length <= state.Taken);
            }
        });
}
