using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// Prices a basket for a member: a pure function of (rules, member, basket, time, coupon facts).
/// <list type="number">
/// <item>Item offers take money off lines: buy-one-get-one, then punch cards (in the order promotions were created).</item>
/// <item>Coupons take money off the basket, shared over the lines in proportion to what is left of each.</item>
/// <item>Points are earned on what is paid for lines of categories that are not excluded (qualifying spend), and
/// only if it reaches the program's minimum. Base rate (with SKU/category multipliers), tier bonus and each
/// multiplier promotion are components, each rounded down once per purchase and shared over the lines (largest
/// remainder) so a return can take back exactly the returned lines' share.</item>
/// <item>Fixed bonuses (spend threshold, first purchase, repeat purchase, cumulative spend, coupon points) are added whole.</item>
/// </list>
/// </summary>
public static class PurchasePricer
{
    public static PurchasePrice Price(
        ProgramRules rules, MemberState member, RecordPurchase purchase, DateTimeOffset at, IReadOnlyList<CouponStatus> coupons)
    {
        var basket = new Basket(purchase.Lines);
        var used = new List<string>();
        var basketMinor = BasketMinor(purchase.Lines);
        var eligible = new List<Promotion>(rules.Promotions.Count);
        for (var i = 0; i < rules.Promotions.Count; i++)
        {
            var p = rules.Promotions[i];
            if (PromotionEligibility.Applies(p, rules, member, at) && p.AppliesAt(purchase.MerchantId, purchase.StoreId) && basketMinor >= p.MinBasketMinor)
            {
                eligible.Add(p);
            }
        }

        foreach (var promotion in eligible)
        {
            if (promotion.Rule is BuyOneGetOneRule bogo && BuyOneGetOne(basket, promotion, bogo))
            {
                used.Add(promotion.PromotionId);
            }
        }
        var punchLines = new List<PunchLine>();
        var punchCards = new List<PunchCardChange>();
        foreach (var promotion in eligible)
        {
            if (promotion.Rule is PunchCardRule punch && Punch(basket, member, promotion, punch, punchLines) is { } change)
            {
                punchCards.Add(change);
                if (change.FreeItems > 0)
                {
                    used.Add(promotion.PromotionId);
                }
            }
        }
        var bonuses = new List<PointsComponent>();
        var outcomes = Coupons(basket, rules, member, purchase, at, coupons, bonuses, used, basketMinor);

        var qualifying = new long[basket.Count];
        for (var i = 0; i < basket.Count; i++)
        {
            qualifying[i] = rules.Earning.IsExcluded(basket.Lines[i]) ? 0 : basket.Net(i);
        }
        var qualifyingTotal = qualifying.Sum();
        var components = new List<PointsComponent>();
        IReadOnlyList<BounceBackCoupon> bounceBack = [];
        if (qualifyingTotal > 0 && qualifyingTotal >= rules.Earning.MinQualifyingSpendMinor)
        {
            bounceBack = BounceBack(eligible, at, qualifyingTotal, used);
            Proportional(components, rules, member, purchase, at, qualifying, qualifyingTotal, eligible, used);
            ItemBonuses(components, purchase, qualifying, eligible, used);
            FixedBonuses(components, rules, member, at, qualifyingTotal, eligible, used);
            components.AddRange(bonuses);
            // Every point here needed the program's minimum spend: a return that takes kept spend below it takes all
            // of them back, as a spend-threshold bonus is taken back below its own minimum.
            if (rules.Earning.MinQualifyingSpendMinor > 0)
            {
                for (var i = 0; i < components.Count; i++)
                {
                    if (components[i].MinKeptMinor < rules.Earning.MinQualifyingSpendMinor)
                    {
                        components[i] = components[i] with { MinKeptMinor = rules.Earning.MinQualifyingSpendMinor };
                    }
                }
            }
        }
        else
        {
            // Below the minimum spend nothing earns points, coupon points included: the coupon's use stays unspent.
            outcomes = outcomes.Select(o => o.Accepted && o.BonusPoints > 0
                ? o with
                {
                    Accepted = false,
                    BonusPoints = 0,
                    Reason = "BELOW_MINIMUM_SPEND",
                    Message = $"the basket's qualifying spend is below the program's minimum of {rules.Earning.MinQualifyingSpendMinor} minor units"
                }
                : o).ToList();
            used.RemoveAll(id => bonuses.Any(b => b.PromotionId == id));
        }
        Int128 points = 0;
        foreach (var component in components)
        {
            points += component.Points;
        }
        return new PurchasePrice(components, basket.NetAmounts(), qualifying, basket.Discounts, punchLines, punchCards,
            outcomes, used.Distinct().ToArray(), points)
        {
            BounceBack = bounceBack,
        };
    }

    /// <summary>The coupons for a later visit the purchase earns; the recorded purchase gives them their codes.</summary>
    private static IReadOnlyList<BounceBackCoupon> BounceBack(List<Promotion> eligible, DateTimeOffset at, long qualifyingTotal, List<string> used)
    {
        List<BounceBackCoupon>? coupons = null;
        foreach (var promotion in eligible)
        {
            if (promotion.Rule is BounceBackRule rule && qualifyingTotal >= rule.MinSpendMinor)
            {
                (coupons ??= []).Add(new BounceBackCoupon("", promotion.PromotionId, "", rule.DiscountPercent, rule.DiscountMinor,
                    at, at.AddDays(rule.ValidDays), rule.MinSpendMinor));
                used.Add(promotion.PromotionId);
            }
        }
        return coupons ?? (IReadOnlyList<BounceBackCoupon>)[];
    }

    private static bool BuyOneGetOne(Basket basket, Promotion promotion, BuyOneGetOneRule rule)
    {
        // Pair the qualifying units from the dearest down (lines of one price in basket order); the second of each pair
        // is discounted. The lines in scope are sorted as they are found: most baskets hold few.
        Span<int> inScope = basket.Count <= 64 ? stackalloc int[basket.Count] : new int[basket.Count];
        var found = 0;
        for (var i = 0; i < basket.Count; i++)
        {
            if (!rule.Scope.Matches(basket.Lines[i]))
            {
                continue;
            }
            var at = found++;
            for (; at > 0 && basket.Lines[inScope[at - 1]].UnitPriceMinor < basket.Lines[i].UnitPriceMinor; at--)
            {
                inScope[at] = inScope[at - 1];
            }
            inScope[at] = i;
        }
        long position = 0;
        var any = false;
        foreach (var i in inScope[..found])
        {
            var line = basket.Lines[i];
            var discounted = (position + line.Quantity) / 2 - position / 2;
            position += line.Quantity;
            if (discounted > 0)
            {
                var amount = (long)((Int128)discounted * line.UnitPriceMinor * rule.PercentOff / 100);
                any |= basket.Discount(i, promotion.PromotionId, null, discounted, amount,
                    rule.PercentOff == 100 ? $"{promotion.Name}: {discounted} free" : $"{promotion.Name}: {discounted} at {rule.PercentOff}% off");
            }
        }
        return any;
    }

    private static PunchCardChange? Punch(Basket basket, MemberState member, Promotion promotion, PunchCardRule rule, List<PunchLine> punchLines)
    {
        var before = member.PunchProgress.GetValueOrDefault(promotion.PromotionId);
        var progress = before;
        long freeItems = 0;
        long required = rule.Required;
        var punched = false;
        for (var i = 0; i < basket.Count; i++)
        {
            var line = basket.Lines[i];
            if (!rule.Scope.Matches(line))
            {
                continue;
            }
            // A full card (progress == required) makes the next unit free and starts over; every other unit is a stamp
            // (below 0, the first ones pay back stamps owed).
            var untilFirstFree = required - progress;
            long free = 0;
            if (line.Quantity > untilFirstFree)
            {
                var fromFirstFree = line.Quantity - untilFirstFree;
                free = (fromFirstFree + required) / (required + 1);
                progress = (fromFirstFree - 1) % (required + 1);
            }
            else
            {
                progress += line.Quantity;
            }
            punchLines.Add(new PunchLine(promotion.PromotionId, line.Sku, line.Quantity - free, free));
            punched = true;
            if (free > 0)
            {
                freeItems += free;
                basket.Discount(i, promotion.PromotionId, null, free, (long)((Int128)free * line.UnitPriceMinor),
                    $"{promotion.Name}: {free} free (punch card)");
            }
        }
        return punched
            ? new PunchCardChange(promotion.PromotionId, before, progress, required, freeItems)
            : null;
    }

    private static List<CouponOutcome> Coupons(Basket basket, ProgramRules rules, MemberState member, RecordPurchase purchase,
        DateTimeOffset at, IReadOnlyList<CouponStatus> statuses, List<PointsComponent> bonuses, List<string> used, long basketMinor)
    {
        var outcomes = new List<CouponOutcome>();
        foreach (var code in purchase.Coupons)
        {
            if (BounceBackCoupon.IsCode(code))
            {
                outcomes.Add(RedeemBounceBack(basket, rules, member, code, at, outcomes));
                continue;
            }
            var status = statuses.FirstOrDefault(s => s.Code == code);
            if (status is { Batch: null, Reward: { } reward })
            {
                outcomes.Add(RewardCode(basket, purchase, at, reward));
                continue;
            }
            var promotion = status?.Batch is { } b ? rules.Promotion(b.PromotionId) : null;
            CouponOutcome Refused(string reason, string message) => new(code, promotion?.PromotionId, false, reason, message, 0, 0);
            if (status?.Batch is not { } batch || promotion?.Rule is not CouponRule rule)
            {
                outcomes.Add(Refused("COUPON_NOT_FOUND", $"coupon '{code}' was not issued by program '{rules.ProgramId}'"));
                continue;
            }
            var refusal = batch.MemberId is { } owner && owner != purchase.MemberId
                    ? ("COUPON_NOT_YOURS", $"coupon '{code}' was issued to another member")
                : at < batch.ValidFrom ? ("COUPON_NOT_YET_VALID", $"coupon '{code}' is valid from {batch.ValidFrom:O}")
                : at >= batch.ValidUntil ? ("COUPON_EXPIRED", $"coupon '{code}' expired at {batch.ValidUntil:O}")
                : status.Uses >= batch.MaxUsesPerCode ? ("COUPON_USED_UP", $"coupon '{code}' has been used {status.Uses} time(s), all its uses")
                : used.Contains(promotion.PromotionId) ? ("COUPON_PROMOTION_ALREADY_APPLIED", $"another coupon of promotion '{promotion.PromotionId}' is already on this purchase")
                : !promotion.AppliesAt(purchase.MerchantId, purchase.StoreId)
                    ? ("PROMOTION_NOT_HERE", $"promotion '{promotion.PromotionId}' does not apply at merchant '{purchase.MerchantId}', store '{purchase.StoreId}'")
                : basketMinor < promotion.MinBasketMinor
                    ? ("BELOW_MINIMUM_BASKET", $"promotion '{promotion.PromotionId}' needs a basket of at least {promotion.MinBasketMinor} minor units, this one is {basketMinor}")
                : PromotionEligibility.WhyNot(promotion, rules, member, at);
            if (refusal is { } why)
            {
                outcomes.Add(Refused(why.Item1, why.Item2));
                continue;
            }
            long discount = 0;
            if (rule.DiscountMinor > 0 || rule.DiscountPercent > 0)
            {
                var left = basket.ItemsNetTotal;
                discount = rule.DiscountMinor > 0 ? Math.Min(rule.DiscountMinor, left) : (long)((Int128)left * rule.DiscountPercent / 100);
                basket.DiscountBasket(promotion.PromotionId, code, discount, $"{promotion.Name} (coupon {code})");
            }
            if (rule.BonusPoints > 0)
            {
                bonuses.Add(new PointsComponent(Rule(promotion), promotion.PromotionId, rule.BonusPoints,
                    $"{promotion.Name}: coupon {code} bonus")
                { MinKeptMinor = 1 });
            }
            used.Add(promotion.PromotionId);
            outcomes.Add(new CouponOutcome(code, promotion.PromotionId, true, null, null, discount, rule.BonusPoints));
        }
        return outcomes;
    }

    /// <summary>A bounce-back code: only the member's own open coupons know it.</summary>
    private static CouponOutcome RedeemBounceBack(Basket basket, ProgramRules rules, MemberState member, string code, DateTimeOffset at,
        List<CouponOutcome> earlier)
    {
        var coupon = member.BounceBackCoupons.Find(c => c.Code == code);
        var promotion = coupon is null ? null : rules.Promotion(coupon.PromotionId);
        var refusal = coupon is null || promotion is null
                ? ("COUPON_NOT_FOUND", $"coupon '{code}' is not a bounce-back coupon member '{member.Profile?.MemberId}' can still use (unknown, used, voided or another member's)")
            : at < coupon.ValidFrom ? ("COUPON_NOT_YET_VALID", $"coupon '{code}' is valid from {coupon.ValidFrom:O}")
            : at >= coupon.ValidUntil ? ("COUPON_EXPIRED", $"coupon '{code}' expired at {coupon.ValidUntil:O}")
            : earlier.Any(o => o.Accepted && o.PromotionId == coupon.PromotionId)
                ? ("COUPON_PROMOTION_ALREADY_APPLIED", $"another coupon of promotion '{coupon.PromotionId}' is already on this purchase")
            : ((string, string)?)null;
        if (refusal is { } why)
        {
            return new CouponOutcome(code, coupon?.PromotionId, false, why.Item1, why.Item2, 0, 0);
        }
        var left = basket.ItemsNetTotal;
        var discount = coupon!.DiscountMinor > 0 ? Math.Min(coupon.DiscountMinor, left) : (long)((Int128)left * coupon.DiscountPercent / 100);
        basket.DiscountBasket(coupon.PromotionId, code, discount, $"{promotion!.Name} (coupon {code})");
        return new CouponOutcome(code, coupon.PromotionId, true, null, null, discount, 0);
    }

    /// <summary>
    /// A code of the rewards catalogue, used like a coupon: the member's own, unexpired, unused and not cancelled, at
    /// the reward's partner if it names one. A free product takes one unit of its SKU off (the basket must hold it);
    /// a discount comes off the basket like a coupon's; a partner's service is given by the partner (accepted, nothing
    /// off); a donation is not for checkout.
    /// </summary>
    private static CouponOutcome RewardCode(Basket basket, RecordPurchase purchase, DateTimeOffset at, Rewards.RewardCodeStatus status)
    {
        var t = status.Terms;
        var promotionId = Rewards.RewardCode.PromotionIdOf(t.RewardId);
        var refusal = t.MemberId != purchase.MemberId ? ("COUPON_NOT_YOURS", $"reward code '{t.Code}' was issued to another member")
            : status.Cancelled ? ("REWARD_CODE_CANCELLED", $"reward code '{t.Code}' was cancelled and its points given back")
            : at >= t.ExpiresAt ? ("COUPON_EXPIRED", $"reward code '{t.Code}' expired at {t.ExpiresAt:O}")
            : status.Used ? ("COUPON_USED_UP", $"reward code '{t.Code}' has been used")
            : t.PartnerId is { } partner && partner != purchase.MerchantId
                ? ("REWARD_CODE_OTHER_MERCHANT", $"reward code '{t.Code}' is for partner '{partner}' only")
            : t.Kind == Rewards.RewardKind.CharityDonation ? ("REWARD_NOT_FOR_CHECKOUT", $"reward code '{t.Code}' is a donation's receipt, not a voucher")
            : ((string, string)?)null;
        long discount = 0;
        if (refusal is null)
        {
            var description = $"{t.Name} (reward {t.Code})";
            switch (t.Kind)
            {
                case Rewards.RewardKind.FreeProduct:
                    var line = Enumerable.Range(0, basket.Count).FirstOrDefault(i => basket.Lines[i].Sku == t.Sku && basket.Net(i) > 0, -1);
                    if (line < 0)
                    {
                        refusal = ("REWARD_PRODUCT_NOT_IN_BASKET", $"reward code '{t.Code}' is for one '{t.Sku}', which the basket does not hold");
                        break;
                    }
                    discount = Math.Min(basket.Lines[line].UnitPriceMinor, basket.Net(line));
                    basket.Discount(line, promotionId, t.Code, 1, discount, description);
                    break;
                case Rewards.RewardKind.FixedDiscount or Rewards.RewardKind.PercentageDiscount:
                    var left = basket.ItemsNetTotal;
                    discount = t.Kind == Rewards.RewardKind.FixedDiscount ? Math.Min(t.DiscountMinor, left) : (long)((Int128)left * t.DiscountPercent / 100);
                    basket.DiscountBasket(promotionId, t.Code, discount, description);
                    break;
            }
        }
        return refusal is { } why
            ? new CouponOutcome(t.Code, promotionId, false, why.Item1, why.Item2, 0, 0)
            : new CouponOutcome(t.Code, promotionId, true, null, null, discount, 0);
    }

    private static void Proportional(List<PointsComponent> components, ProgramRules rules, MemberState member,
        RecordPurchase purchase, DateTimeOffset at, long[] qualifying, long qualifyingTotal, List<Promotion> eligible, List<string> used)
    {
        // A coalition partner earns at its own rate; a merchant or store rate of the earning rules is more specific still.
        var partner = Coalitions.CoalitionRules.PartnerAt(rules, purchase.MerchantId, at);
        var rate = rules.Earning.RateAt(partner?.EarnRatePointsPerCurrencyUnit ?? rules.Settings.PointsPerCurrencyUnit,
            purchase.MerchantId, purchase.StoreId);
        var perMajor = Currencies.MinorPerMajor(rules.Settings.Currency);
        // Weights are exact numerators over a common denominator; each component is rounded down once. Only components
        // with points are kept (the base rate's always), and only those get a description.
        var baseWeights = new Int128[qualifying.Length];
        for (var i = 0; i < qualifying.Length; i++)
        {
            var line = purchase.Lines[i];
            baseWeights[i] = (Int128)qualifying[i] * rate * rules.Earning.MultiplierPercent(line);
        }
        Int128 baseDenominator = perMajor * 100;
        var (basePoints, baseLines) = Allocate(baseWeights, baseDenominator);
        components.Add(new PointsComponent(MemberAccount.BaseRateRule, null, basePoints,
            $"{basePoints} points at {rate} per {rules.Settings.Currency} on {qualifyingTotal} minor units of qualifying spend")
        {
            LinePoints = baseLines,
        });

        // With a compounding multiplier, what each line has earned so far, over baseDenominator * 100; null (and not
        // computed, on the hot path) without one.
        Int128[]? running = null;
        foreach (var promotion in eligible)
        {
            if (promotion.Rule is BonusMultiplierRule { Stacking: MultiplierStacking.Compound })
            {
                running = Scaled(baseWeights, 100);
                break;
            }
        }
        if (rules.Tier(member.Tier.TierId) is { EarnMultiplierPercent: > 100 } tier)
        {
            var weights = Scaled(baseWeights, tier.EarnMultiplierPercent - 100);
            var (points, lines) = Allocate(weights, baseDenominator * 100);
            if (points > 0)
            {
                components.Add(new PointsComponent($"tier:{tier.TierId}", null, points,
                    $"{points} bonus points for tier {tier.Name} ({tier.EarnMultiplierPercent}%)")
                {
                    LinePoints = lines,
                });
            }
            AddTo(running, weights, 1);
        }
        // Adding multipliers: each a share of the base points.
        foreach (var promotion in eligible)
        {
            if (promotion.Rule is not BonusMultiplierRule { Stacking: MultiplierStacking.Add } multiplier
                || InScope(multiplier.Scope, purchase.Lines, baseWeights, multiplier.MultiplierPercent - 100) is not { } weights)
            {
                continue;
            }
            var (points, lines) = Allocate(weights, baseDenominator * 100);
            if (points > 0)
            {
                components.Add(new PointsComponent(Rule(promotion), promotion.PromotionId, points,
                    $"{points} bonus points: {promotion.Name} ({multiplier.MultiplierPercent}%)")
                {
                    LinePoints = lines,
                });
                used.Add(promotion.PromotionId);
                AddTo(running, weights, 1);
            }
        }
        // Compounding multipliers, in creation order: each multiplies what the line has earned so far. The running total
        // keeps the exact numerator over baseDenominator * 100, less under a hundredth of that unit per step, so
        // numerators stay within Int128 however many compound.
        foreach (var promotion in eligible)
        {
            if (running is null || promotion.Rule is not BonusMultiplierRule { Stacking: MultiplierStacking.Compound } multiplier
                || InScope(multiplier.Scope, purchase.Lines, running, multiplier.MultiplierPercent - 100) is not { } weights)
            {
                continue;
            }
            var (points, lines) = Allocate(weights, baseDenominator * 10_000);
            if (points > 0)
            {
                components.Add(new PointsComponent(Rule(promotion), promotion.PromotionId, points,
                    $"{points} bonus points: {promotion.Name} ({multiplier.MultiplierPercent}%, compounded)")
                {
                    LinePoints = lines,
                });
                used.Add(promotion.PromotionId);
                AddTo(running, weights, 100);
            }
        }
    }

    private static Int128[] Scaled(Int128[] weights, long factor)
    {
        var scaled = new Int128[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            scaled[i] = weights[i] * factor;
        }
        return scaled;
    }

    /// <summary>The weights times <paramref name="factor"/> on the lines in scope, 0 on the others; null (nothing allocated) if no line is in scope.</summary>
    private static Int128[]? InScope(ItemScope scope, IReadOnlyList<PurchaseLine> lines, Int128[] weights, long factor)
    {
        Int128[]? scoped = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (scope.Matches(lines[i]))
            {
                scoped ??= new Int128[lines.Count];
                scoped[i] = weights[i] * factor;
            }
        }
        return scoped;
    }

    private static void AddTo(Int128[]? running, Int128[] weights, int divisor)
    {
        if (running is null)
        {
            return;
        }
        for (var i = 0; i < running.Length; i++)
        {
            running[i] += weights[i] / divisor;
        }
    }

    /// <summary>
    /// Fixed points per unit or per line of the lines in scope that earn (qualifying spend above zero). Each line's points
    /// are its share, so a return takes back the returned units' part as for proportional components.
    /// </summary>
    private static void ItemBonuses(List<PointsComponent> components, RecordPurchase purchase, long[] qualifying, List<Promotion> eligible, List<string> used)
    {
        foreach (var promotion in eligible)
        {
            if (promotion.Rule is not FixedBonusRule rule)
            {
                continue;
            }
            long[]? lines = null; // allocated for the first line in scope
            long total = 0;
            long units = 0;
            var linesWithPoints = 0;
            for (var i = 0; i < qualifying.Length; i++)
            {
                var line = purchase.Lines[i];
                if (qualifying[i] > 0 && rule.Scope.Matches(line))
                {
                    lines ??= new long[qualifying.Length];
                    lines[i] = rule.PointsPerUnit > 0 ? rule.PointsPerUnit * line.Quantity : rule.PointsPerLine;
                    total += lines[i];
                    units += line.Quantity;
                    linesWithPoints += lines[i] > 0 ? 1 : 0;
                }
            }
            if (total == 0)
            {
                continue;
            }
            var why = rule.PointsPerUnit > 0 ? $"{rule.PointsPerUnit} per unit, {units} units" : $"{rule.PointsPerLine} per line, {linesWithPoints} lines";
            components.Add(new PointsComponent(Rule(promotion), promotion.PromotionId, total, $"{total} bonus points: {promotion.Name} ({why})")
            {
                LinePoints = lines!,
            });
            used.Add(promotion.PromotionId);
        }
    }

    private static void FixedBonuses(List<PointsComponent> components, ProgramRules rules, MemberState member, DateTimeOffset at,
        long qualifyingTotal, List<Promotion> eligible, List<string> used)
    {
        foreach (var promotion in eligible)
        {
            (long Points, long MinKept, string Why)? bonus = promotion.Rule switch
            {
                SpendThresholdRule s when qualifyingTotal >= s.MinSpendMinor =>
                    (s.BonusPoints, s.MinSpendMinor, $"spent at least {s.MinSpendMinor} minor units"),
                FirstPurchaseRule f => (f.BonusPoints, 1, "first purchase"),
                RepeatPurchaseRule r when (1 + member.KeptPurchasesBetween(at.AddDays(-r.WindowDays), at)) % r.Purchases == 0 =>
                    (r.BonusPoints, 1, $"purchase number {r.Purchases} within {r.WindowDays} days"),
                CumulativeSpendRule c when CumulativeBefore(member, promotion, at) is var before && before < c.ThresholdMinor && before + qualifyingTotal >= c.ThresholdMinor =>
                    (c.BonusPoints, c.ThresholdMinor - before, $"total spend passed {c.ThresholdMinor} minor units"),
                _ => null,
            };
            if (bonus is { } b)
            {
                components.Add(new PointsComponent(Rule(promotion), promotion.PromotionId, b.Points, $"{b.Points} bonus points: {promotion.Name} ({b.Why})")
                {
                    MinKeptMinor = b.MinKept,
                });
                used.Add(promotion.PromotionId);
            }
        }
    }

    /// <summary>The basket at full price, before any discount and without delivery lines: what a promotion's minimum basket is compared with.</summary>
    private static long BasketMinor(IReadOnlyList<PurchaseLine> lines)
    {
        long total = 0;
        foreach (var line in lines)
        {
            total += line.Delivery ? 0 : line.AmountMinor;
        }
        return total;
    }

    private static long CumulativeBefore(MemberState member, Promotion promotion, DateTimeOffset at) =>
        member.KeptSpendBetween(promotion.EarlyAccess?.StartsAt ?? promotion.StartsAt, at);

    private static string Rule(Promotion promotion) => $"promotion:{promotion.PromotionId}";

    /// <summary>
    /// Rounds the weights' sum down once, then shares the points over the lines by largest remainder: each point left
    /// after every line's whole part goes to the largest remainder not yet served, the lower line first among equals.
    /// </summary>
    private static (long Points, long[] Lines) Allocate(Int128[] weights, Int128 denominator)
    {
        Int128 sum = 0;
        foreach (var w in weights)
        {
            sum += w;
        }
        var total = (long)(sum / denominator);
        var lines = new long[weights.Length];
        Span<Int128> remainders = weights.Length <= 64 ? stackalloc Int128[weights.Length] : new Int128[weights.Length];
        long given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            lines[i] = (long)(weights[i] / denominator);
            remainders[i] = weights[i] % denominator;
            given += lines[i];
        }
        var left = total - given;
        if (left > 8)
        {
            // Many lines to top up (a long basket): one sort, largest remainder first, lower index first among equals.
            var order = new int[weights.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }
            var keys = remainders.ToArray();
            Array.Sort(order, (a, b) => keys[b].CompareTo(keys[a]) is var byRemainder and not 0 ? byRemainder : a.CompareTo(b));
            for (var k = 0; k < left; k++)
            {
                lines[order[k]]++;
            }
            return (total, lines);
        }
        // Fewer points are left than there are lines (each remainder is below the denominator); a few, so each is
        // handed out by selection, and a served remainder is marked below any other.
        for (; left > 0; left--)
        {
            var largest = 0;
            for (var i = 1; i < remainders.Length; i++)
            {
                if (remainders[i] > remainders[largest])
                {
                    largest = i;
                }
            }
            lines[largest]++;
            remainders[largest] = Int128.MinValue;
        }
        return (total, lines);
    }

    /// <summary>The lines being priced and the money taken off each so far.</summary>
    private sealed class Basket(IReadOnlyList<PurchaseLine> lines)
    {
        private readonly long[] discounts = new long[lines.Count];

        public IReadOnlyList<PurchaseLine> Lines => lines;

        public List<DiscountLine> Discounts { get; } = [];

        public int Count => lines.Count;

        public long Net(int i) => lines[i].AmountMinor - discounts[i];

        /// <summary>What is left to pay for the lines that are not delivery lines: what a basket discount is shared over.</summary>
        public long ItemsNetTotal
        {
            get
            {
                long total = 0;
                for (var i = 0; i < Count; i++)
                {
                    total += lines[i].Delivery ? 0 : Net(i);
                }
                return total;
            }
        }

        public long[] NetAmounts()
        {
            var net = new long[Count];
            for (var i = 0; i < Count; i++)
            {
                net[i] = Net(i);
            }
            return net;
        }

        /// <summary>Takes up to <paramref name="amount"/> off line <paramref name="i"/> (never below zero); false if nothing was left to take.</summary>
        public bool Discount(int i, string promotionId, string? couponCode, long quantity, long amount, string description)
        {
            var taken = Math.Min(amount, Net(i));
            if (taken <= 0)
            {
                return false;
            }
            discounts[i] += taken;
            Discounts.Add(new DiscountLine(promotionId, couponCode, lines[i].Sku, quantity, taken, description));
            return true;
        }

        /// <summary>
        /// Takes <paramref name="amount"/> off the basket, shared over lines in proportion to what is left of each;
        /// delivery lines take no share.
        /// </summary>
        public void DiscountBasket(string promotionId, string couponCode, long amount, string description)
        {
            var left = ItemsNetTotal;
            if (left <= 0 || amount <= 0)
            {
                return;
            }
            var shares = new long[Count];
            long given = 0;
            for (var i = 0; i < Count; i++)
            {
                shares[i] = lines[i].Delivery ? 0 : PurchaseRecord.Share(Net(i), amount, left);
                given += shares[i];
            }
            for (var i = 0; i < Count && given < amount; i++)
            {
                if (!lines[i].Delivery && Net(i) > shares[i])
                {
                    shares[i]++;
                    given++;
                }
            }
            for (var i = 0; i < Count; i++)
            {
                Discount(i, promotionId, couponCode, lines[i].Quantity, shares[i], description);
            }
        }
    }
}
