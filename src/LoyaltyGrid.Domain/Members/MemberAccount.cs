using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The rules of one member's points: decides what a command does to a <see cref="MemberState"/> without
/// changing it. Every refusal is a <see cref="LoyaltyException"/> thrown before any event is made.
/// Things that fall due with time (holds, pending points, expiry, tier reviews) are decided by <see cref="Due"/>,
/// which the caller applies before handing over a command.
/// </summary>
public sealed class MemberAccount(MemberState state, ProgramRules rules)
{
    private readonly ProgramSettings program = rules.Settings;

    public const string BaseRateRule = "base-rate";

    /// <summary>Runs of <see cref="Due"/> after which nothing is left due: maturity, then expiry, then reinstatement, then segments.</summary>
    public const int MaxDueRuns = 5;

    public MemberState State => state;

    /// <param name="coupons">What the coupon service knows of the purchase's coupon codes (uses so far); empty otherwise.</param>
    /// <param name="returned">For a return: the purchase's event, read from the journal at <see cref="PurchaseRecord.Sequence"/>.</param>
    public MemberDecision Handle(IMemberCommand command, DateTimeOffset now, IReadOnlyList<CouponStatus>? coupons = null,
        PurchaseRecorded? returned = null)
    {
        command.Validate();
        var fingerprint = Fingerprint.Of(command);
        // Remembered until the retention has passed, whether or not the record has been swept yet.
        if (state.Remembered(command.RequestId, now) is { } done)
        {
            if (!Fingerprint.Matches(done.Fingerprint, command, fingerprint))
            {
                throw new LoyaltyException(LoyaltyError.AlreadyExists("REQUEST_ID_REUSED",
                    $"request_id '{command.RequestId}' was already used for a different request on this member; " +
                    "use a new request_id for a new request, or resend the original request unchanged"));
            }
            return MemberDecision.Replay(done.Sequence);
        }
        if (command is EnrollMember enroll)
        {
            return Enroll(enroll, fingerprint, now);
        }
        if (state.Profile is null)
        {
            throw new LoyaltyException(LoyaltyError.NotFound("MEMBER_NOT_FOUND",
                $"member '{command.MemberId}' is not enrolled in program '{command.ProgramId}'"));
        }
        var changes = new Changes(state, now, command.RequestId, fingerprint);
        switch (command)
        {
            case RecordPurchase purchase: Purchase(changes, purchase, now, coupons ?? []); break;
            case RecordReturn ret: Return(changes, ret, now, returned); break;
            case AuthorizeRedemption authorize: Authorize(changes, authorize, now); break;
            case CaptureRedemption capture: Capture(changes, capture, now); break;
            case VoidRedemption @void: Void(changes, @void, now); break;
            case ReinstateMemberPoints reinstate: Reinstate(changes, reinstate, now); break;
            case AdjustPoints adjust: Adjust(changes, adjust, now); break;
            case CancelEarning cancel: CancelEarning(changes, cancel, now); break;
            case TransferPoints transfer: Transfer(changes, transfer, now); break;
            case RecordEvent recorded: Event(changes, recorded, now); break;
            case ReceiveTransfer receive: Receive(changes, receive, now); break;
            case CreditFeedbackReward reward: FeedbackReward(changes, reward, now); break;
            case CreditOfferBonus bonus: OfferBonus(changes, bonus, now); break;
            case AssignTier assign: AssignTier(changes, assign, now); break;
            case RecordReferral referral: changes.Add(MemberReferrals.Decide(state, rules, referral, NewId("ref", now), now)); break;
            case SettleReferral settle: changes.Add(MemberReferrals.Settle(state, settle, now)); break;
            case RedeemRewardPoints redeem: RedeemReward(changes, redeem, now); break;
            case RefundRewardPoints refund: RefundReward(changes, refund, now); break;
            default: throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command));
        }
        return changes.ToDecision();
    }

    /// <summary>
    /// What has fallen due by <paramref name="now"/>, in this order: expired holds are released, pending points whose
    /// return window has passed become available, points expire (oldest lots first, or all after inactivity),
    /// program-wide reinstatements are applied, tier reviews are held. Empty when nothing is due. One run sees the
    /// state as it was: points it matures can expire, and expiries it finds can be reinstated, only in the next run,
    /// so apply the events and call again until it returns none (<see cref="MaxDueRuns"/> runs always suffice).
    /// </summary>
    public static IReadOnlyList<MemberEvent> Due(MemberState state, ProgramRules rules, DateTimeOffset now)
    {
        var changes = new Changes(state, now, requestId: null, fingerprint: null);
        if (state.Profile is null)
        {
            return changes.Events;
        }
        ReleaseExpiredHolds(state, changes, now);
        // Checked on every request: no iterators unless something is pending.
        foreach (var (transactionId, until) in state.PendingUntil.Count == 0 ? Enumerable.Empty<KeyValuePair<string, DateTimeOffset>>()
            : state.PendingUntil.Where(p => p.Value <= now).OrderBy(p => p.Value))
        {
            var purchase = state.Purchases[transactionId];
            changes.AddSystem(new PointsMatured(transactionId, purchase.PendingPoints, purchase.OccurredAt) { OccurredAt = until, RecordedAt = now });
        }
        // A referral is rewarded when its qualifying purchase can no longer be returned: with its points maturing above,
        // or at the return horizon for a purchase without a pending window.
        if (MemberReferrals.Due(state, rules, now) is { } referral)
        {
            changes.AddSystem(referral);
        }
        Expire(state, rules, changes, now);
        var claimed = rules.Reinstatements.Count == 0 ? null : new HashSet<long>();
        foreach (var reinstatement in rules.Reinstatements)
        {
            var expirations = state.Expirations
                .Where(x => !x.Reinstated && !claimed!.Contains(x.ExpiryId) && x.ExpiredAt < reinstatement.DecidedAt && reinstatement.Covers(x.ExpiredAt)
                    && Reinstatable(x, rules, now))
                .ToArray();
            if (expirations.Length > 0)
            {
                claimed!.UnionWith(expirations.Select(x => x.ExpiryId));
                changes.AddSystem(new PointsReinstated(expirations.Sum(x => x.Points), expirations.Select(x => x.ExpiryId).ToArray(),
                    reinstatement.ReinstatementId, reinstatement.Actor, reinstatement.Reason)
                { OccurredAt = now, RecordedAt = now });
            }
        }
        if (!EndTierAssignment(state, rules, changes, now))
        {
            ReviewTier(state, rules, changes, now);
            DowngradeAtOnce(state, rules, changes, now);
        }
        if (BirthdayBonuses.Due(state, rules, now) is { } birthday)
        {
            changes.AddSystem(birthday);
        }
        CloseBooks(state, rules, changes, now);
        // The tier warning and then segments last, once nothing else is due: they read the state the rest leaves.
        if (changes.Events.Count == 0 && TierWarnings.Due(state, rules, now) is { } risk)
        {
            changes.AddSystem(risk);
        }
        if (changes.Events.Count == 0 && MemberSegments.Due(state, rules, now) is { } segments)
        {
            changes.AddSystem(segments);
        }
        return changes.Events;
    }

    /// <summary>
    /// What falls due at <paramref name="now"/> with a decision, once its events are applied to <paramref name="state"/>:
    /// <see cref="Due"/>, as part of the decision (the same commit), e.g. a late upload's points already past their
    /// expiry, or held points of an old lot that a void gives back. Each event carries the request's id and no
    /// fingerprint, so a retry finds them after the answer (<see cref="Answer"/>). Apply and call again until it returns
    /// none (<see cref="MaxDueRuns"/> runs always suffice).
    /// </summary>
    public static IReadOnlyList<MemberEvent> DueWith(MemberState state, ProgramRules rules, DateTimeOffset now, MemberEvent answer)
    {
        var due = Due(state, rules, now);
        return answer.RequestId is null ? due : due.Select(e => e with { RequestId = answer.RequestId }).ToArray();
    }

    /// <summary>
    /// What a request answers: its event, with the balance after everything the request made (what fell due with it,
    /// <see cref="DueWith"/>), so the answer says what GetMember says right after; a retry answers the same.
    /// </summary>
    /// <param name="following">The events after the answer, in order (from the decision, or read from the journal).</param>
    public static MemberEvent Answer(MemberEvent answer, IEnumerable<MemberEvent> following)
    {
        var balance = answer.BalanceAfter;
        foreach (var e in following)
        {
            if (!MadeWith(e, answer))
            {
                break;
            }
            balance = e.BalanceAfter;
        }
        return balance == answer.BalanceAfter ? answer : answer with { BalanceAfter = balance };
    }

    /// <summary>Whether <paramref name="e"/>, after <paramref name="answer"/> in the journal, was made by the same request.</summary>
    public static bool MadeWith(MemberEvent e, MemberEvent answer) =>
        answer.RequestId is not null && e.RequestId == answer.RequestId && e.Fingerprint is null;

    /// <summary>How long after the return horizon has passed a purchase is kept before the books are closed: closing in steps, not on every purchase.</summary>
    public static readonly TimeSpan CloseBooksEvery = TimeSpan.FromDays(7);

    /// <summary>
    /// Closes the books once purchases have passed the return horizon (by a week, so a daily shopper closes weekly, not
    /// daily): they can no longer be returned, so the member stops keeping them, and what no rule looks back on any
    /// more folds into month totals. Decided here, from the rules, and journaled, so a replay ends in the same state.
    /// </summary>
    private static void CloseBooks(MemberState state, ProgramRules rules, Changes changes, DateTimeOffset now)
    {
        var purchasesBefore = now - rules.Settings.ReturnHorizon;
        var factsBefore = LookBackFrom(rules, now);
        var closesPurchases = state.OldestOpenPurchaseAt < purchasesBefore - CloseBooksEvery;
        var foldsFacts = state.Facts.Count > 0 && state.Facts[0].OccurredAt < factsBefore - CloseBooksEvery;
        if (closesPurchases || foldsFacts)
        {
            changes.AddSystem(new BooksClosed(purchasesBefore, factsBefore)
            {
                OccurredAt = now,
                RecordedAt = now,
                LotsByMonthBefore = rules.Expiry.Kind == ExpiryKind.FifoLots ? null : purchasesBefore,
            });
        }
    }

    /// <summary>
    /// The earliest instant any rule may still read a kept purchase at: the return horizon, the tier window (tier
    /// reviews read it at their review time, at most now), repeat-purchase windows from a late upload's occurred_at,
    /// and the start of every cumulative-spend promotion not over. Never later than the return horizon.
    /// </summary>
    public static DateTimeOffset LookBackFrom(ProgramRules rules, DateTimeOffset now)
    {
        var from = now - rules.Settings.ReturnHorizon;
        if (rules.Tiers.Count > 0 && now.AddMonths(-rules.TierPolicy.WindowMonths) is var tierFrom && tierFrom < from)
        {
            from = tierFrom;
        }
        var earliestUpload = now - rules.Settings.OfflineWindow - Limits.MaxClockSkew;
        foreach (var segment in rules.Segments)
        {
            if (segment.Conditions.ReadsWindow && now.AddDays(-segment.Conditions.WindowDays) is var segmentFrom && segmentFrom < from)
            {
                from = segmentFrom;
            }
        }
        foreach (var promotion in rules.Promotions)
        {
            var reads = promotion.Rule switch
            {
                RepeatPurchaseRule r => earliestUpload.AddDays(-r.WindowDays),
                CumulativeSpendRule when promotion.EffectiveEnd > earliestUpload => promotion.EarlyAccess?.StartsAt ?? promotion.StartsAt,
                _ => from,
            };
            if (reads < from)
            {
                from = reads;
            }
        }
        return from;
    }

    private MemberDecision Enroll(EnrollMember command, string fingerprint, DateTimeOffset now)
    {
        if (state.Profile is not null)
        {
            throw new LoyaltyException(LoyaltyError.AlreadyExists("MEMBER_ALREADY_ENROLLED",
                $"member '{command.MemberId}' is already enrolled in program '{command.ProgramId}'"));
        }
        var changes = new Changes(state, now, command.RequestId, fingerprint);
        changes.Add(new MemberEnrolled(command.ProgramId, command.MemberId, NullIfEmpty(command.CardAlias))
        {
            MerchantId = NullIfEmpty(command.MerchantId),
            StoreId = NullIfEmpty(command.StoreId),
            TerminalId = NullIfEmpty(command.TerminalId),
            OccurredAt = now,
            RecordedAt = now,
        });
        if (CustomEvents.EnrolmentBonus(rules, now) is { } bonus)
        {
            changes.AddSystem(bonus);
        }
        if (command.ReferringPartnerId is { } partnerId)
        {
            changes.AddSystem(new PartnerReferred(partnerId, command.ReferralCode!) { OccurredAt = now, RecordedAt = now });
        }
        else if (command.Referral is { } referral)
        {
            changes.AddSystem(new ReferredBy(referral.ReferralId, referral.Code, command.ReferrerMemberId!, referral.Rejection)
            { OccurredAt = now, RecordedAt = now });
        }
        // A tier whose threshold is 0 is reached by joining: the member is in it from the start, so its rate and the
        // promotions for it apply to the first purchase (as any other tier applies from the purchase after the one
        // that reached it).
        if (rules.Tiers.LastOrDefault(t => t.Threshold <= 0) is { } entry)
        {
            changes.AddSystem(new TierChanged(null, entry.TierId, TierChangeReason.Upgrade, 0, rules.TierPolicy.ReviewAfter(now))
            { OccurredAt = now, RecordedAt = now });
        }
        return changes.ToDecision();
    }

    private void Purchase(Changes changes, RecordPurchase command, DateTimeOffset now, IReadOnlyList<CouponStatus> coupons)
    {
        var occurredAt = CheckOccurredAt(command.OccurredAt, now);
        if (command.Currency != program.Currency)
        {
            new RequestValidator()
                .Add("currency", $"program '{program.ProgramId}' earns in {program.Currency}, the purchase is in {command.Currency}")
                .ThrowIfInvalid();
        }
        CheckPartner(command.MerchantId, occurredAt, "earn");
        var price = PurchasePricer.Price(rules, state, command, occurredAt, coupons);
        var eligible = Benefits.BenefitEligibility.Eligible(rules, state, command.MerchantId, occurredAt);
        price = WithAppliedBenefits(price, command, eligible);
        if (state.Balance.LifetimeEarned + price.Points > Limits.MaxLifetimePoints)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("POINTS_LIMIT_EXCEEDED",
                $"member '{command.MemberId}' would pass {Limits.MaxLifetimePoints} lifetime points; contact the program operator"));
        }
        var points = (long)price.Points;
        ReleaseExpiredHolds(state, changes, now);
        var pendingUntil = occurredAt + rules.Earning.PendingPeriod;
        var tierAfter = UpgradedTier(command, price, occurredAt, now);
        var transactionId = NewId("tx", now);
        changes.Add(new PurchaseRecorded(
            transactionId, command.MerchantId, command.StoreId, command.TerminalId, command.Currency,
            command.Lines, command.Lines.Sum(line => line.AmountMinor), points, BaseRateRule)
        {
            OccurredAt = occurredAt,
            RecordedAt = now,
            Components = price.Components,
            LineNetMinor = price.LineNetMinor,
            LineQualifyingMinor = price.LineQualifyingMinor,
            Discounts = price.Discounts,
            PunchLines = price.PunchLines,
            PunchCards = price.PunchCards,
            Coupons = price.Coupons,
            PromotionsUsed = price.PromotionsUsed,
            EligibleBenefits = eligible.Select(Benefits.BenefitOffer.Of).ToArray(),
            AppliedBenefitIds = command.AppliedBenefits,
            PendingUntil = points > 0 && pendingUntil > now ? pendingUntil : null,
            Tier = TierSnapshot.Of(tierAfter?.Tier ?? rules.Tier(state.Tier.TierId)),
            BounceBackCoupons = price.BounceBack.Count == 0 ? [] : price.BounceBack
                .Select(c => c with { Code = BounceBackCoupon.CodeFor(program.ProgramId, transactionId, c.PromotionId), TransactionId = transactionId })
                .ToArray(),
        });
        if (tierAfter is { } upgrade)
        {
            changes.AddSystem(new TierChanged(state.Tier.TierId, upgrade.Tier.TierId, TierChangeReason.Upgrade, upgrade.Metric,
                rules.TierPolicy.ReviewAfter(now))
            { OccurredAt = now, RecordedAt = now });
        }
        if (MemberReferrals.Qualified(state, rules, changes.Result<PurchaseRecorded>(), now) is { } qualified)
        {
            changes.AddSystem(qualified);
        }
        if (Coalitions.PartnerReferrals.FeeDue(state, rules, changes.Result<PurchaseRecorded>(), now) is { } fee)
        {
            changes.AddSystem(fee);
        }
    }

    /// <summary>
    /// <paramref name="price"/> with the points of applied bonus-point benefits. Every applied benefit must be one the
    /// member may use here now: the POS offers only what the checkout listed.
    /// </summary>
    private static PurchasePrice WithAppliedBenefits(PurchasePrice price, RecordPurchase command, IReadOnlyList<Benefits.Benefit> eligible)
    {
        var v = new RequestValidator();
        var bonuses = new List<PointsComponent>();
        for (var i = 0; i < command.AppliedBenefits.Count; i++)
        {
            var id = command.AppliedBenefits[i];
            var benefit = eligible.FirstOrDefault(b => b.BenefitId == id);
            if (benefit is null)
            {
                v.Add($"applied_benefit_ids[{i}]",
                    $"benefit '{id}' is not one member '{command.MemberId}' may use at merchant '{command.MerchantId}' now; apply only the eligible_benefits a checkout lists");
            }
            else if (benefit.Kind == Benefits.BenefitKind.BonusPoints)
            {
                // A whole bonus, taken back only when the purchase comes back in full (kept spend below 1 minor unit).
                bonuses.Add(new PointsComponent($"benefit:{id}", null, benefit.BonusPoints, benefit.Name) { MinKeptMinor = 1 });
            }
        }
        v.ThrowIfInvalid();
        return bonuses.Count == 0 ? price : price with
        {
            Components = [.. price.Components, .. bonuses],
            Points = price.Points + bonuses.Sum(b => b.Points),
        };
    }

    /// <summary>The highest tier the member reaches with this purchase, if higher than their tier now.</summary>
    private (TierDefinition Tier, long Metric)? UpgradedTier(RecordPurchase command, PurchasePrice price, DateTimeOffset occurredAt, DateTimeOffset now)
    {
        if (rules.Tiers.Count == 0)
        {
            return null;
        }
        var policy = rules.TierPolicy;
        var metric = state.TierMetricAt(policy, now);
        if (occurredAt > now.AddMonths(-policy.WindowMonths))
        {
            metric += policy.Metric == TierMetric.QualifyingSpend ? price.LineQualifyingMinor.Sum() : (long)price.Points;
        }
        var reached = rules.Tiers.LastOrDefault(t => t.Threshold <= metric);
        return reached is not null && rules.RankOf(reached.TierId) > rules.RankOf(state.Tier.TierId) ? (reached, metric) : null;
    }

    private void Return(Changes changes, RecordReturn command, DateTimeOffset now, PurchaseRecorded? bought)
    {
        var occurredAt = CheckOccurredAt(command.OccurredAt, now);
        var closedBefore = now - program.ReturnHorizon;
        if (!state.Purchases.TryGetValue(command.TransactionId, out var purchase))
        {
            // A closed purchase is no longer kept; its id says when it was recorded.
            if (state.ClosedBefore is { } closed && RecordedAtOf(command.TransactionId) is { } recorded && recorded < closed + program.OfflineWindow + Limits.MaxClockSkew)
            {
                throw WindowClosed(command.TransactionId, closedBefore);
            }
            throw new LoyaltyException(LoyaltyError.NotFound("TRANSACTION_NOT_FOUND",
                $"transaction '{command.TransactionId}' is not a purchase of member '{command.MemberId}'"));
        }
        if (purchase.OccurredAt < closedBefore)
        {
            throw WindowClosed(command.TransactionId, closedBefore);
        }
        if (bought is null || bought.TransactionId != purchase.TransactionId)
        {
            throw new ArgumentException($"A return of {purchase.TransactionId} needs its purchase event (sequence {purchase.Sequence}).", nameof(bought));
        }
        var returnedBefore = (IReadOnlyDictionary<string, long>?)purchase.Returns?.ReturnedQuantities ?? new Dictionary<string, long>();
        var returnedAfter = new Dictionary<string, long>(returnedBefore, StringComparer.Ordinal);
        foreach (var line in command.Lines)
        {
            var boughtLine = bought.Lines.FirstOrDefault(l => l.Sku == line.Sku) ?? throw new LoyaltyException(
                LoyaltyError.Precondition("SKU_NOT_IN_TRANSACTION",
                    $"sku '{line.Sku}' was not bought in transaction '{purchase.TransactionId}'"));
            var left = boughtLine.Quantity - purchase.Returned(line.Sku);
            if (line.Quantity > left)
            {
                throw new LoyaltyException(LoyaltyError.Precondition("RETURN_EXCEEDS_PURCHASE",
                    $"sku '{line.Sku}': {line.Quantity} returned but only {left} of {boughtLine.Quantity} bought in " +
                    $"transaction '{purchase.TransactionId}' are left to return"));
            }
            returnedAfter[line.Sku] = purchase.Returned(line.Sku) + line.Quantity;
        }
        // Every share is cumulative: after each partial return the reversed amount is the returned share of the
        // whole, rounded down, so partial returns never take back more than the purchase and a full return takes
        // back exactly all of it.
        long refund = 0;
        for (var i = 0; i < bought.Lines.Count; i++)
        {
            var line = bought.Lines[i];
            var net = i < bought.LineNetMinor.Count ? bought.LineNetMinor[i] : line.AmountMinor;
            refund += PurchaseRecord.Share(net, returnedAfter.GetValueOrDefault(line.Sku), line.Quantity)
                - PurchaseRecord.Share(net, purchase.Returned(line.Sku), line.Quantity);
        }
        var keptAfter = PurchaseRecord.KeptQualifyingMinor(bought, returnedAfter);
        var fullyReturned = bought.Lines.All(l => returnedAfter.GetValueOrDefault(l.Sku) == l.Quantity);
        var reversed = new List<PointsComponent>();
        var released = new List<string>();
        foreach (var component in bought.Components)
        {
            var before = purchase.Returns?.ReversedByRule.GetValueOrDefault(component.Rule) ?? 0;
            long after;
            if (component.LinePoints.Count > 0)
            {
                after = 0;
                for (var i = 0; i < bought.Lines.Count; i++)
                {
                    after += PurchaseRecord.Share(component.LinePoints[i], returnedAfter.GetValueOrDefault(bought.Lines[i].Sku), bought.Lines[i].Quantity);
                }
                // Earned only above the program's minimum spend (see PurchasePricer): below it, none is kept.
                if (keptAfter < component.MinKeptMinor)
                {
                    after = component.Points;
                }
            }
            else
            {
                after = keptAfter < component.MinKeptMinor ? component.Points : before;
                var keepsCouponUsed = rules.Promotion(component.PromotionId ?? "")?.Rule is CouponRule
                    && rules.Earning.CouponReturn == CouponReturnPolicy.KeepUsed;
                if (after > before && component.PromotionId is { } promotionId && !keepsCouponUsed)
                {
                    released.Add(promotionId);
                }
            }
            if (after > before)
            {
                reversed.Add(new PointsComponent(component.Rule, component.PromotionId, after - before,
                    $"{after - before} points of {component.Rule} reversed"));
            }
        }
        // A used bounce-back coupon stays used: it was the member's own, and no coupon grain counts it.
        var couponsUsed = bought.Coupons.Where(c => c.Accepted && !BounceBackCoupon.IsCode(c.Code)).Select(c => c.Code).ToArray();
        var restoreCoupons = fullyReturned && purchase.Returns?.CouponsReleased != true && couponsUsed.Length > 0
            && rules.Earning.CouponReturn == CouponReturnPolicy.RestoreOnFullReturn;
        if (fullyReturned)
        {
            foreach (var promotionId in bought.PromotionsUsed)
            {
                var isCoupon = rules.Promotion(promotionId)?.Rule is CouponRule;
                if (purchase.Returns?.PromotionsReleased.Contains(promotionId) != true && (!isCoupon || restoreCoupons))
                {
                    released.Add(promotionId);
                }
            }
        }
        if (purchase.EarningCancelled)
        {
            reversed.Clear(); // an admin took back what was left of its points already
        }
        var share = reversed.Sum(c => c.Points);
        // What of the purchase's points expired from its own lot left the member with the expiry: a return takes back
        // its share only out of what is left of them. What was spent is taken back (from the balance, or written off).
        var unexpired = Math.Max(0, purchase.Points - purchase.ExpiredPoints - purchase.ReversedPoints);
        var due = Math.Min(share, unexpired);
        var fromPending = Math.Min(due, purchase.PendingPoints);
        var fromAvailable = due - fromPending;
        ReleaseExpiredHolds(state, changes, now);
        var taken = program.AllowNegativeBalance ? fromAvailable : Math.Clamp(changes.Balance.Available, 0, fromAvailable);
        changes.Add(new ReturnRecorded(
            NewId("ret", now), purchase.TransactionId, command.Lines, refund, fromPending + taken, fromAvailable - taken,
            NullIfEmpty(command.MerchantId), NullIfEmpty(command.StoreId), NullIfEmpty(command.TerminalId))
        {
            OccurredAt = occurredAt,
            RecordedAt = now,
            PendingCancelled = fromPending,
            AlreadyExpired = share - due,
            Reversed = reversed,
            PunchCards = PunchReversal(purchase, bought, returnedAfter),
            PromotionsReleased = released.Distinct().ToArray(),
            CouponsReleased = restoreCoupons ? couponsUsed : [],
            KeptQualifyingMinor = keptAfter,
            FullyReturned = fullyReturned,
        });
        if (MemberReferrals.Voided(state, rules, changes.Result<ReturnRecorded>(), now) is { } voided)
        {
            changes.AddSystem(voided);
        }
    }

    private LoyaltyException WindowClosed(string transactionId, DateTimeOffset closedBefore) =>
        new(LoyaltyError.Precondition("RETURN_WINDOW_CLOSED",
            $"transaction '{transactionId}' can no longer be returned: program '{program.ProgramId}' takes returns of purchases " +
            $"made within {program.ReturnHorizon.TotalDays:0.##} days (return_horizon), that is since {closedBefore:O}"));

    /// <summary>When a transaction id made by <see cref="NewId"/> was made (its UUID v7 carries the time), or null for another id.</summary>
    public static DateTimeOffset? RecordedAtOf(string transactionId)
    {
        if (!transactionId.StartsWith("tx_", StringComparison.Ordinal) || !Guid.TryParseExact(transactionId.AsSpan(3), "N", out var id) || id.Version != 7)
        {
            return null;
        }
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        long ms = 0;
        for (var i = 0; i < 6; i++)
        {
            ms = (ms << 8) | bytes[i];
        }
        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    /// <summary>
    /// Takes back the stamps of returned items, and gives back a full card for each returned free item. A stamp taken back
    /// from an empty card (it paid out already) is owed: the card goes below 0, and the next qualifying items pay it back
    /// before they fill the card, so every free item stays earned by the card's size of items kept.
    /// </summary>
    private IReadOnlyList<PunchCardChange> PunchReversal(PurchaseRecord purchase, PurchaseRecorded bought, IReadOnlyDictionary<string, long> returnedAfter)
    {
        var cards = new List<PunchCardChange>();
        foreach (var group in bought.PunchLines.GroupBy(p => p.PromotionId))
        {
            if (rules.Promotion(group.Key)?.Rule is not PunchCardRule rule)
            {
                continue;
            }
            long delta = 0;
            long freeBack = 0;
            foreach (var line in group)
            {
                // Paid (stamped) units count as returned first, free ones last.
                long Stamped(long returned) => Math.Min(returned, line.Stamped);
                long Free(long returned) => Math.Clamp(returned - line.Stamped, 0, line.Free);
                var before = purchase.Returned(line.Sku);
                var after = returnedAfter.GetValueOrDefault(line.Sku);
                delta -= Stamped(after) - Stamped(before);
                freeBack += Free(after) - Free(before);
            }
            var carried = purchase.Returns?.PunchCarry.GetValueOrDefault(group.Key) ?? 0;
            delta += freeBack * rule.Required + carried;
            if (delta != 0 || carried != 0)
            {
                var now = state.PunchProgress.GetValueOrDefault(group.Key);
                var after = Math.Min(now + delta, rule.Required);
                cards.Add(new PunchCardChange(group.Key, now, after, rule.Required, -freeBack) { Carry = now + delta - after });
            }
        }
        return cards;
    }

    private void Reinstate(Changes changes, ReinstateMemberPoints command, DateTimeOffset now)
    {
        var expirations = state.Expirations
            .Where(x => !x.Reinstated && Reinstatable(x, rules, now) && (command.ExpiredFrom is null || x.ExpiredAt >= command.ExpiredFrom)
                && (command.ExpiredUntil is null || x.ExpiredAt < command.ExpiredUntil))
            .ToArray();
        if (expirations.Length == 0)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("NO_EXPIRED_POINTS",
                $"member '{command.MemberId}' has no expired points to reinstate in that window"));
        }
        changes.Add(new PointsReinstated(expirations.Sum(x => x.Points), expirations.Select(x => x.ExpiryId).ToArray(),
            null, command.Actor, command.Reason)
        { OccurredAt = now, RecordedAt = now });
    }

    /// <summary>Expired points can be given back within the return horizon of their expiry; after it the books are closed on them.</summary>
    private static bool Reinstatable(Expiration expiration, ProgramRules rules, DateTimeOffset now) =>
        expiration.ExpiredAt >= now - rules.Settings.ReturnHorizon;

    private static void Expire(MemberState state, ProgramRules rules, Changes changes, DateTimeOffset now)
    {
        ExpireDatedLots(state, changes, now);
        switch (rules.Expiry.Kind)
        {
            case ExpiryKind.FifoLots:
                foreach (var (lot, expirable) in state.ExpirableLots())
                {
                    if (lot.ExpiresAt is not null)
                    {
                        continue; // its own date, above
                    }
                    var expiresAt = rules.Expiry.DueAfter(lot.EarnedAt, rules.Settings.TimeZone);
                    if (expiresAt > now)
                    {
                        break;
                    }
                    changes.AddSystem(new PointsExpired(expirable, ExpiryKind.FifoLots, [lot.LotId]) { OccurredAt = expiresAt, RecordedAt = now });
                }
                break;
            case ExpiryKind.Inactivity:
                var inactiveSince = state.LastActivityAt ?? state.Profile!.EnrolledAt;
                var due = rules.Expiry.DueAfter(inactiveSince, rules.Settings.TimeZone);
                if (due <= now && changes.Balance.Available > 0)
                {
                    changes.AddSystem(new PointsExpired(changes.Balance.Available, ExpiryKind.Inactivity, []) { OccurredAt = due, RecordedAt = now });
                }
                break;
        }
    }

    /// <summary>
    /// Lots with their own expiry date (credit adjustments) expire then, whatever the program's policy: the part not
    /// held, like any lot. Inactivity expiry, which lapses the whole available balance, takes them too.
    /// </summary>
    private static void ExpireDatedLots(MemberState state, Changes changes, DateTimeOffset now)
    {
        if (!state.HasDatedLots)
        {
            return; // nearly every member: no walk over the lots and their holds on each request
        }
        foreach (var (lot, expirable) in state.ExpirableLots())
        {
            if (lot.ExpiresAt is { } at && at <= now)
            {
                changes.AddSystem(new PointsExpired(expirable, ExpiryKind.FifoLots, [lot.LotId]) { OccurredAt = at, RecordedAt = now });
            }
        }
    }

    /// <summary>
    /// A manual credit or debit. The key's own limit bounds its size; a debit must be covered by the available
    /// balance (after expired holds are released), so an adjustment never drives a balance negative.
    /// </summary>
    private void Adjust(Changes changes, AdjustPoints command, DateTimeOffset now)
    {
        CheckActorLimit(command.ActorLimit, Math.Abs(command.Points));
        if (command.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            new RequestValidator().Add("expires_at", $"must be in the future (now is {now:O})").ThrowIfInvalid();
        }
        ReleaseExpiredHolds(state, changes, now);
        if (command.Points < 0 && changes.Balance.Available < -command.Points)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("INSUFFICIENT_POINTS",
                $"member '{command.MemberId}' has {changes.Balance.Available} points available, a debit of {-command.Points} was asked"));
        }
        if (command.Points > 0 && state.Balance.LifetimeEarned + Math.Max(0, state.Balance.LifetimeAdjusted) + command.Points > Limits.MaxLifetimePoints)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("POINTS_LIMIT_EXCEEDED",
                $"member '{command.MemberId}' would pass {Limits.MaxLifetimePoints} lifetime points; contact the program operator"));
        }
        changes.Add(new PointsAdjusted(NewId(LedgerEntry.AdjustmentPrefix[..^1], now), command.Points, command.Reason!.Value, command.Note, command.Actor, command.ExpiresAt)
        {
            OccurredAt = now,
            RecordedAt = now,
        });
    }

    private void Event(Changes changes, RecordEvent command, DateTimeOffset now)
    {
        var recorded = CustomEvents.Decide(state, rules, command, NewId("evt", now), now);
        ReleaseExpiredHolds(state, changes, now);
        changes.Add(recorded);
    }

    /// <summary>A feedback's completion reward: available at once, a lot of its own, earned like a bonus.</summary>
    private void FeedbackReward(Changes changes, CreditFeedbackReward command, DateTimeOffset now)
    {
        if (state.Balance.LifetimeEarned + Math.Max(0, state.Balance.LifetimeAdjusted) + command.Points > Limits.MaxLifetimePoints)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("POINTS_LIMIT_EXCEEDED",
                $"member '{command.MemberId}' would pass {Limits.MaxLifetimePoints} lifetime points; contact the program operator"));
        }
        changes.Add(new FeedbackRewardCredited(command.FeedbackId, command.Points, command.TransactionId, command.MerchantId, command.StoreId)
        {
            OccurredAt = now,
            RecordedAt = now,
        });
    }

    /// <summary>An accepted bonus offer's points: available at once, a lot of their own, earned like a bonus.</summary>
    private void OfferBonus(Changes changes, CreditOfferBonus command, DateTimeOffset now)
    {
        if (state.Balance.LifetimeEarned + Math.Max(0, state.Balance.LifetimeAdjusted) + command.Points > Limits.MaxLifetimePoints)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("POINTS_LIMIT_EXCEEDED",
                $"member '{command.MemberId}' would pass {Limits.MaxLifetimePoints} lifetime points; contact the program operator"));
        }
        changes.Add(new OfferBonusCredited(command.OfferId, command.Acceptance, command.Points) { OccurredAt = now, RecordedAt = now });
    }

    /// <summary>A reward's debit: the member must be in one of its tiers and segments (if it names any) and have its points available.</summary>
    private void RedeemReward(Changes changes, RedeemRewardPoints command, DateTimeOffset now)
    {
        ReleaseExpiredHolds(state, changes, now);
        if (Rewards.RewardEligibility.MemberWhyNot(command.RewardId, command.TierIds, command.SegmentIds, command.Points, state.Tier.TierId,
                state.Segments, changes.Balance.Available)
            is { } why)
        {
            throw new LoyaltyException(LoyaltyError.Precondition(why.Reason, why.Message));
        }
        changes.Add(new RewardRedeemed(command.RewardId, command.Code, command.Points, command.PartnerId) { OccurredAt = now, RecordedAt = now });
    }

    /// <summary>A cancelled code's points back: never refused (the reward's grain cancelled the code before asking).</summary>
    private static void RefundReward(Changes changes, RefundRewardPoints command, DateTimeOffset now) =>
        changes.Add(new RewardRedemptionRefunded(command.RewardId, command.Code, command.Points, command.PartnerId) { OccurredAt = now, RecordedAt = now });

    /// <summary>
    /// Takes back what is left of one earning entry in the account: a purchase's pending points and the unspent,
    /// unheld rest of its lot; a credit adjustment's unspent, unheld lot. Points already spent, expired or returned
    /// stay as they are. A purchase's later returns reverse no more points (their refund, stamps and coupons still do).
    /// </summary>
    private void CancelEarning(Changes changes, CancelEarning command, DateTimeOffset now)
    {
        long pending = 0;
        string lotId;
        if (command.TransactionId is { Length: > 0 } transactionId)
        {
            if (!state.Purchases.TryGetValue(transactionId, out var purchase))
            {
                throw new LoyaltyException(LoyaltyError.NotFound("TRANSACTION_NOT_FOUND",
                    $"transaction '{transactionId}' is not an open purchase of member '{command.MemberId}' (purchases past the return horizon are closed)"));
            }
            if (purchase.EarningCancelled)
            {
                throw new LoyaltyException(LoyaltyError.Precondition("EARNING_ALREADY_CANCELLED",
                    $"the points of transaction '{transactionId}' were already cancelled"));
            }
            pending = purchase.PendingPoints;
            lotId = transactionId;
        }
        else
        {
            lotId = command.AdjustmentId!;
            if (!state.Lots.Exists(l => l.LotId == lotId))
            {
                throw new LoyaltyException(LoyaltyError.NotFound("ADJUSTMENT_NOT_FOUND",
                    $"'{lotId}' is not a credit adjustment of member '{command.MemberId}' with points left (spent, expired or cancelled ones are not)"));
            }
        }
        ReleaseExpiredHolds(state, changes, now);
        var available = state.ExpirableLots().Where(l => l.Lot.LotId == lotId).Sum(l => l.Expirable);
        var points = pending + available;
        if (points == 0)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("NOTHING_TO_CANCEL",
                $"nothing is left of the points of '{lotId}': they were spent, held, expired or returned"));
        }
        CheckActorLimit(command.ActorLimit, points);
        changes.Add(new EarningCancelled(NullIfEmpty(command.TransactionId), NullIfEmpty(command.AdjustmentId), points, pending,
            command.Reason!.Value, command.Note, command.Actor)
        {
            OccurredAt = now,
            RecordedAt = now,
        });
    }

    /// <summary>
    /// Debits the sender for a transfer to another enrolled member of the program. The sender's available points must
    /// cover it with nothing held (an open redemption may still be captured), and the program's daily limit bounds
    /// what one member sends in any 24 hours. The transfer is then in flight until the receiver's credit is acknowledged.
    /// </summary>
    private void Transfer(Changes changes, TransferPoints command, DateTimeOffset now)
    {
        if (!command.RecipientEnrolled)
        {
            throw new LoyaltyException(LoyaltyError.NotFound("RECIPIENT_NOT_FOUND",
                $"member '{command.ToMemberId}' is not enrolled in program '{command.ProgramId}', so points cannot be transferred to them"));
        }
        ReleaseExpiredHolds(state, changes, now);
        if (changes.Balance.Held > 0)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("POINTS_ON_HOLD",
                $"member '{command.MemberId}' has {changes.Balance.Held} points held by an open redemption; capture or void it before transferring"));
        }
        if (changes.Balance.Available < command.Points)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("INSUFFICIENT_POINTS",
                $"member '{command.MemberId}' has {changes.Balance.Available} points available, {command.Points} to transfer"));
        }
        var sent = state.TransferredSince(now);
        if (sent + command.Points > program.MaxTransferPointsPerDay)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("TRANSFER_LIMIT_EXCEEDED",
                $"member '{command.MemberId}' may transfer {program.MaxTransferPointsPerDay} points in 24 hours in program '{program.ProgramId}' " +
                $"and has transferred {sent}; {command.Points} more would pass it"));
        }
        changes.Add(new PointsTransferredOut(NewId("xfer", now), command.ToMemberId, command.Points, NullIfEmpty(command.Note))
        {
            OccurredAt = now,
            RecordedAt = now,
        });
    }

    /// <summary>Credits a transfer the sender has debited; never refused for the receiver's balance (the points already left the sender).</summary>
    private void Receive(Changes changes, ReceiveTransfer command, DateTimeOffset now) =>
        changes.Add(new PointsTransferredIn(command.TransferId, command.FromMemberId, command.Points, NullIfEmpty(command.Note))
        {
            OccurredAt = now,
            RecordedAt = now,
        });

    /// <summary>One event the system makes by itself now (a referral code issued), stamped with the balance after it.</summary>
    public static IReadOnlyList<MemberEvent> System(MemberState state, DateTimeOffset now, MemberEvent e, DateTimeOffset? occurredAt = null)
    {
        var changes = new Changes(state, now, requestId: null, fingerprint: null);
        changes.AddSystem(e with { OccurredAt = occurredAt ?? now, RecordedAt = now });
        return changes.Events;
    }

    /// <summary>The sender's record that a transfer in flight was credited (or refused, giving the points back); nothing if it is not in flight.</summary>
    public static IReadOnlyList<MemberEvent> SettleTransfer(MemberState state, string transferId, bool refunded, DateTimeOffset now)
    {
        if (!state.TransfersInFlight.TryGetValue(transferId, out var transfer))
        {
            return [];
        }
        var changes = new Changes(state, now, requestId: null, fingerprint: null);
        changes.AddSystem(new TransferSettled(transferId, transfer.Points, refunded) { OccurredAt = now, RecordedAt = now });
        return changes.Events;
    }

    private static void CheckActorLimit(long? limit, long points)
    {
        if (limit is { } max && points > max)
        {
            throw new LoyaltyException(new LoyaltyError(ErrorKind.PermissionDenied, "ADJUSTMENT_LIMIT_EXCEEDED",
                $"this key may adjust at most {max} points at once (max_adjustment_points), {points} were asked"));
        }
    }

    /// <summary>
    /// Puts the member in a tier by hand. The tier must exist and an end must be in the future; assigning again replaces
    /// the assignment (another tier, another end). Reviews and a falling metric leave an assigned tier alone.
    /// </summary>
    private void AssignTier(Changes changes, AssignTier command, DateTimeOffset now)
    {
        var v = new RequestValidator();
        if (rules.Tier(command.TierId) is null)
        {
            v.Add("tier_id", $"program '{program.ProgramId}' has no tier '{command.TierId}' (UpsertTier creates it)");
        }
        if (command.EndsAt is { } endsAt && endsAt <= now)
        {
            v.Add("ends_at", $"must be in the future (now is {now:O}); leave it unset for an assignment without an end");
        }
        v.ThrowIfInvalid();
        changes.Add(new TierAssigned(state.Tier.TierId, command.TierId, command.EndsAt, command.Actor, command.Note)
        {
            OccurredAt = now,
            RecordedAt = now,
        });
    }

    /// <summary>The highest tier <paramref name="metric"/> qualifies for, or null.</summary>
    private static TierDefinition? EarnedTier(ProgramRules rules, long metric) => rules.Tiers.LastOrDefault(t => t.Threshold <= metric);

    /// <summary>
    /// Ends a manual tier assignment whose end has come: the member is then in the tier their metric earns at the end
    /// (higher, the same or lower), reviewed from then on as after any tier change. True if it did (the member's other
    /// tier rules wait for the next run, which sees the new tier).
    /// </summary>
    private static bool EndTierAssignment(MemberState state, ProgramRules rules, Changes changes, DateTimeOffset now)
    {
        if (!state.Tier.Assigned || state.Tier.AssignedUntil is not { } until || until > now)
        {
            return false;
        }
        var metric = state.TierMetricAt(rules.TierPolicy, until);
        var to = EarnedTier(rules, metric)?.TierId;
        changes.AddSystem(new TierChanged(state.Tier.TierId, to, TierChangeReason.AssignmentEnded, metric,
            to is null ? null : rules.TierPolicy.ReviewAfter(until))
        {
            OccurredAt = until,
            RecordedAt = now,
        });
        return true;
    }

    /// <summary>
    /// In the immediate downgrade mode: once the metric is below the member's tier's threshold (a return took it back,
    /// purchases left the window) the member drops to the tier the metric still earns, however many tiers down.
    /// </summary>
    private static void DowngradeAtOnce(MemberState state, ProgramRules rules, Changes changes, DateTimeOffset now)
    {
        if (rules.TierPolicy.DowngradeMode != TierDowngradeMode.Immediate || state.Tier.Assigned || rules.Tier(state.Tier.TierId) is not { } tier)
        {
            return;
        }
        var metric = state.TierMetricAt(rules.TierPolicy, now);
        if (metric >= tier.Threshold)
        {
            return;
        }
        changes.AddSystem(new TierChanged(tier.TierId, EarnedTier(rules, metric)?.TierId, TierChangeReason.FellBelow, metric, null)
        {
            OccurredAt = now,
            RecordedAt = now,
        });
    }

    /// <summary>Holds every review that has fallen due: keeps the tier if still earned, else one tier down per review.</summary>
    private static void ReviewTier(MemberState state, ProgramRules rules, Changes changes, DateTimeOffset now)
    {
        var policy = rules.TierPolicy;
        if (!policy.Reviews || state.Tier.Assigned)
        {
            return;
        }
        var tierId = state.Tier.TierId;
        var reviewAt = state.Tier.ReviewAt;
        while (tierId is not null && reviewAt is { } review && review.AddDays(policy.GraceDays) <= now)
        {
            var at = review.AddDays(policy.GraceDays);
            var metric = state.TierMetricAt(policy, at);
            var rank = rules.RankOf(tierId);
            var keeps = rank > 0 && metric >= rules.Tiers[rank - 1].Threshold;
            var to = keeps ? tierId : rank > 1 ? rules.Tiers[rank - 2].TierId : null;
            var next = to is null ? (DateTimeOffset?)null : review.AddMonths(policy.ReviewMonths);
            changes.AddSystem(new TierChanged(tierId, to, keeps ? TierChangeReason.Retained : TierChangeReason.Downgrade, metric, next)
            {
                OccurredAt = at,
                RecordedAt = now,
            });
            tierId = to;
            reviewAt = next;
        }
    }

    private void Authorize(Changes changes, AuthorizeRedemption command, DateTimeOffset now)
    {
        CheckPartner(command.MerchantId, now, "redeem");
        ReleaseExpiredHolds(state, changes, now);
        if (changes.Balance.Available < command.Points)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("INSUFFICIENT_POINTS",
                $"member '{command.MemberId}' has {changes.Balance.Available} points available, {command.Points} requested"));
        }
        changes.Add(new RedemptionAuthorized(
            NewId("hold", now), command.Points, now + program.HoldTtl, command.MerchantId,
            NullIfEmpty(command.StoreId), NullIfEmpty(command.TerminalId))
        {
            OccurredAt = now,
            RecordedAt = now,
        });
    }

    private void Capture(Changes changes, CaptureRedemption command, DateTimeOffset now)
    {
        var hold = OpenHold(command.HoldId, command.MerchantId, now, "captured");
        changes.Add(new RedemptionCaptured(hold.HoldId, hold.Points) { OccurredAt = now, RecordedAt = now, MerchantId = hold.MerchantId });
    }

    private void Void(Changes changes, VoidRedemption command, DateTimeOffset now)
    {
        var hold = OpenHold(command.HoldId, command.MerchantId, now, "voided");
        changes.Add(new RedemptionReleased(hold.HoldId, hold.Points, HoldReleaseReason.Voided) { OccurredAt = now, RecordedAt = now, MerchantId = hold.MerchantId });
    }

    private HoldRecord OpenHold(string holdId, string? merchantId, DateTimeOffset now, string action)
    {
        if (!state.Holds.TryGetValue(holdId, out var hold) || hold.ClosedAt < now - state.RequestRetention)
        {
            throw new LoyaltyException(LoyaltyError.NotFound("HOLD_NOT_FOUND",
                $"hold '{holdId}' does not exist for member '{state.Profile!.MemberId}'"));
        }
        if (merchantId is { Length: > 0 } && hold.MerchantId is { } owner && owner != merchantId)
        {
            throw new LoyaltyException(new LoyaltyError(ErrorKind.PermissionDenied, "HOLD_OF_ANOTHER_MERCHANT",
                $"hold '{holdId}' was authorized by merchant '{owner}'; only that merchant may {(action == "captured" ? "capture" : "void")} it"));
        }
        var (reason, what) = hold.Status switch
        {
            HoldStatus.Captured => ("HOLD_ALREADY_CAPTURED", "already captured"),
            HoldStatus.Voided => ("HOLD_VOIDED", "already voided"),
            HoldStatus.Expired => ("HOLD_EXPIRED", $"expired at {hold.ExpiresAt:O} and its points were released"),
            _ when hold.ExpiresAt <= now => ("HOLD_EXPIRED", $"expired at {hold.ExpiresAt:O}"),
            _ => (null, null),
        };
        if (reason is not null)
        {
            throw new LoyaltyException(LoyaltyError.Precondition(reason, $"hold '{holdId}' cannot be {action}: it was {what}"));
        }
        return hold;
    }

    private static void ReleaseExpiredHolds(MemberState state, Changes changes, DateTimeOffset now)
    {
        foreach (var hold in state.Holds.Values)
        {
            if (hold.Status == HoldStatus.Open && hold.ExpiresAt <= now)
            {
                changes.AddSystem(new RedemptionReleased(hold.HoldId, hold.Points, HoldReleaseReason.Expired)
                {
                    OccurredAt = hold.ExpiresAt,
                    RecordedAt = now,
                    MerchantId = hold.MerchantId,
                });
            }
        }
    }

    /// <summary>In a coalition, only a merchant that is a partner at the time may issue or accept its points.</summary>
    private void CheckPartner(string merchantId, DateTimeOffset at, string what)
    {
        if (Coalitions.CoalitionRules.IsCoalition(rules) && Coalitions.CoalitionRules.PartnerAt(rules, merchantId, at) is null)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("NOT_A_PARTNER",
                $"merchant '{merchantId}' is not a partner of coalition '{program.ProgramId}' at {at:O}, so points cannot {what} there"));
        }
    }

    private DateTimeOffset CheckOccurredAt(DateTimeOffset? occurredAt, DateTimeOffset now)
    {
        var v = new RequestValidator();
        LineRules.CheckOccurredAt(v, occurredAt, now);
        v.ThrowIfInvalid();
        var at = occurredAt ?? now;
        if (at < now - program.OfflineWindow)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("OUTSIDE_OFFLINE_WINDOW",
                $"occurred_at {at:O} is older than program '{program.ProgramId}' accepts from offline terminals " +
                $"({program.OfflineWindow.TotalDays:0.##} days)"));
        }
        return at;
    }

    private static string NewId(string prefix, DateTimeOffset now) => $"{prefix}_{Guid.CreateVersion7(now):N}";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Events of one decision, each stamped with the balance after it.</summary>
    private sealed class Changes(MemberState state, DateTimeOffset now, string? requestId, string? fingerprint)
    {
        private readonly List<MemberEvent> events = [];
        private MemberEvent? result;

        public Balance Balance { get; private set; } = state.Balance;

        public IReadOnlyList<MemberEvent> Events => events;

        /// <summary>Adds the event that answers the request.</summary>
        public void Add(MemberEvent e) => result = Append(e, requestId, fingerprint);

        /// <summary>
        /// Adds an event the system makes by itself on the way: before the answer (a hold expiry) as the system's, after it
        /// (a tier upgrade) with the request's id and no fingerprint, as made with the answer (see <see cref="MadeWith"/>).
        /// </summary>
        public void AddSystem(MemberEvent e) => Append(e, result is null ? e.RequestId : requestId, e.Fingerprint);

        /// <summary>The event that answers the request, as added.</summary>
        public T Result<T>() where T : MemberEvent => (T)(result ?? throw new InvalidOperationException("No result event yet."));

        /// <summary>The decision; its answer carries the balance after what the request made with it (an enrolment bonus).</summary>
        public MemberDecision ToDecision() =>
            new(events, Answer(result ?? throw new InvalidOperationException("The decision has no result event."),
                events.SkipWhile(e => !ReferenceEquals(e, result)).Skip(1)));

        /// <summary>Stamps the event in one copy (a purchase's event is large: one copy, not one per stamp).</summary>
        private MemberEvent Append(MemberEvent e, string? stampRequestId, string? stampFingerprint)
        {
            Balance = e.ApplyTo(Balance);
            var stamped = e with { RequestId = stampRequestId, Fingerprint = stampFingerprint, BalanceAfter = Balance, RecordedAt = now };
            events.Add(stamped);
            return stamped;
        }
    }
}
