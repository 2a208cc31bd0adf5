using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Insights;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Grains;

/// <summary>
/// One member. Load (snapshot + journal), decide (domain), persist (group commit), answer. Nothing is
/// answered before it is durable; if a write fails the activation is dropped and rebuilt from storage.
/// The program's rules come from this silo's <see cref="IProgramRulesCache"/>, so a checkout makes no extra grain call.
/// </summary>
public sealed partial class MemberGrain(
    IJournal journal,
    IEventStore store,
    IProgramRulesCache programs,
    IOptions<StorageOptions> options,
    IInsightsStore insights,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<MemberGrain> logger) : Grain, IMemberGrain
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(30);

    /// <summary>How soon a transfer in flight is delivered again after activation or a failed delivery.</summary>
    private static readonly TimeSpan TransferRetryDelay = TimeSpan.FromSeconds(2);

    private JournaledStream<MemberState, MemberEvent> stream = null!;
    private ReturnUpcaster? loading;
    private bool wakeUpKnown;
    private DateTimeOffset? storedWakeUp;
    private IGrainTimer? dueTimer;
    private DateTimeOffset? dueTimerAt;
    private bool deliveringReferral;

    /// <summary>While a decision is made durable: its request id, and the referral outcome delivered with it (part of its answer).</summary>
    private string? answeringRequestId;
    private List<MemberEvent>? answeringExtra;

    private MemberState State => stream.State;

    private string StreamId => MemberKey.StreamOf(this.GetPrimaryKeyString());

    private string ProgramId => MemberKey.Parse(this.GetPrimaryKeyString()).ProgramId;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        stream = new JournaledStream<MemberState, MemberEvent>(
            StreamId,
            new MemberState(),
            journal,
            store,
            MemberEventCodec.Instance,
            (state, e, sequence) =>
            {
                if (loading is not null)
                {
                    // Replay before the program's retention is known: forget nothing any program could still remember.
                    state.RequestRetention = ProgramSettings.LongestRequestRetention(options.Value.RequestRetention);
                    e = loading.Upcast(e);
                }
                state.Apply(e, sequence);
                return state;
            },
            DeactivateOnIdle,
            logger,
            MemberSnapshotCodec.Instance,
            options.Value.SnapshotEvery);
        await ReadJournalAsync(cancellationToken);
    }

    /// <summary>
    /// Applies the journal after what the state holds (returns written before they carried their outcome are upcast
    /// from their purchase) and, for an enrolled member, what fell due while the member was not active (holds,
    /// pending points, expiry, reviews), before anyone looks.
    /// </summary>
    private async Task ReadJournalAsync(CancellationToken cancellationToken)
    {
        loading = new ReturnUpcaster();
        try
        {
            await stream.LoadAsync(cancellationToken);
        }
        finally
        {
            loading = null;
        }
        if (State.Profile is not null)
        {
            var rules = await programs.GetAsync(ProgramId);
            State.RequestRetention = rules.Settings.RequestRetention(options.Value.RequestRetention);
            await ApplyDueAsync(rules);
            ScheduleDueTimer(rules);
        }
    }

    /// <summary>
    /// A bulk import (<see cref="MemberImportGrain"/>) writes a new member's journal without this grain, so "not
    /// enrolled" is never answered from memory: a member not enrolled re-reads its journal first.
    /// </summary>
    private Task CatchUpIfNotEnrolledAsync() =>
        State.Profile is null ? ReadJournalAsync(CancellationToken.None) : Task.CompletedTask;

    /// <summary>
    /// Enrols the member and gives them their card alias. The alias is claimed only once the domain has accepted
    /// the enrolment, and given back if the enrolment cannot be made durable, so a refused enrolment claims nothing.
    /// </summary>
    public Task<GrainReply<MemberEnrolled>> Enroll(EnrollMember command) => GrainReplies.Run(async () =>
    {
        var rules = await RulesAsync(command.ProgramId);
        var now = time.GetUtcNow();
        var decision = new MemberAccount(State, rules).Handle(command, now);
        if (decision.ReplayOf is { } done)
        {
            return (MemberEnrolled)await ReadAnswerAsync(done);
        }
        var card = command.CardAlias is { Length: > 0 } alias
            ? GrainFactory.GetGrain<ICardAliasGrain>(CardAliasKey.For(command.ProgramId, alias))
            : null;
        var claimed = card is not null && (await card.Claim(command.MemberId)).Unwrap();
        try
        {
            if (command.ReferralCode is { } code)
            {
                // The referrer answers before the enrolment is decided, so the referee's journal says what it answered.
                command = await ReferAsync(command, code, card, now);
                decision = new MemberAccount(State, rules).Handle(command, now);
            }
            return (MemberEnrolled)await PersistDecisionAsync(decision, rules, now);
        }
        catch when (claimed)
        {
            await card!.Release(command.MemberId);
            throw;
        }
    });

    /// <summary>
    /// Finds the code's owner and has it accept or reject the referral (it records its answer, idempotent by referee); a
    /// coalition partner's code is the partner's referral, with no answer to ask for. A code no member or partner has is
    /// INVALID_ARGUMENT; a card that was another member's before makes the referee "already a member".
    /// </summary>
    private async Task<EnrollMember> ReferAsync(EnrollMember command, string code, ICardAliasGrain? card, DateTimeOffset now)
    {
        var owner = await GrainFactory.GetGrain<IReferralCodeGrain>(CardAliasKey.For(command.ProgramId, code)).Owner();
        if (owner is null)
        {
            new RequestValidator().Add("referral_code", $"no member or partner of program '{command.ProgramId}' has referral code '{code}'").ThrowIfInvalid();
        }
        if (owner!.PartnerId is { } partnerId)
        {
            // A partner's code: the partner is the referrer, and no member referral rule applies (nobody to ask).
            return command with { ReferringPartnerId = partnerId };
        }
        var referrerId = owner.MemberId;
        var wasMember = card is not null && await card.FormerOwner() is { } former && former != command.MemberId;
        var request = new RecordReferral(command.ProgramId, referrerId, command.MemberId, command.CardAlias, code) { RefereeWasMember = wasMember };
        // A member cannot own a code before it is enrolled, so the referrer is never this grain; the guard keeps it so.
        var made = referrerId == command.MemberId
            ? new ReferralMade($"ref_self_{command.MemberId}", command.MemberId, code, Domain.Referrals.ReferralRejection.SelfReferral) { OccurredAt = now, RecordedAt = now }
            : (await GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(command.ProgramId, referrerId)).RecordReferral(request)).Unwrap();
        return command with { ReferrerMemberId = referrerId, Referral = made };
    }

    public Task<GrainReply<ReferralCodeStatus>> GetReferralCode() => GrainReplies.Run(async () =>
    {
        await CatchUpIfNotEnrolledAsync();
        var profile = Profile();
        var rules = await RulesAsync(profile.ProgramId);
        await ApplyDueAsync(rules);
        var now = time.GetUtcNow();
        if (MemberReferrals.ValidCode(State, now) is { } valid)
        {
            return valid;
        }
        var version = State.ReferralCode?.Version ?? 0;
        for (var attempt = 0; attempt < Domain.Referrals.ReferralCodes.MaxAttempts; attempt++)
        {
            version++;
            var code = Domain.Referrals.ReferralCodes.Of(profile.ProgramId, profile.MemberId, version);
            var issued = MemberReferrals.Issue(rules, code, version, now);
            // Claimed first: a code is never the member's in its journal unless the code's grain says so.
            if (await GrainFactory.GetGrain<IReferralCodeGrain>(CardAliasKey.For(profile.ProgramId, code)).Claim(profile.MemberId, issued.ExpiresAt))
            {
                await PersistAsync(MemberAccount.System(State, now, issued), rules);
                return State.ReferralCode!;
            }
        }
        throw new InvalidOperationException($"No free referral code for member '{profile.MemberId}' after {Domain.Referrals.ReferralCodes.MaxAttempts} versions.");
    });

    public Task<GrainReply<bool>> SetContactDigests(string? emailDigest, string? phoneDigest) => GrainReplies.Run(async () =>
    {
        var rules = await RulesAsync(ProgramId);
        Profile();
        await ApplyDueAsync(rules);
        if (MemberReferrals.Contact(State, emailDigest, phoneDigest, time.GetUtcNow()) is not { } changed)
        {
            return false;
        }
        await PersistAsync(MemberAccount.System(State, time.GetUtcNow(), changed), rules);
        return true;
    });

    public Task<GrainReply<ReferralMade>> RecordReferral(RecordReferral command) =>
        GrainReplies.Run(() => ExecuteAsync<ReferralMade>(command));

    public Task<GrainReply<ReferralSettled>> SettleReferral(SettleReferral command) =>
        GrainReplies.Run(() => ExecuteAsync<ReferralSettled>(command));

    public Task<GrainReply<IReadOnlyList<Domain.Referrals.ReferralSummary>>> ListReferrals() => GrainReplies.Run(async () =>
    {
        await CatchUpIfNotEnrolledAsync();
        var profile = Profile();
        await ApplyDueAsync(await RulesAsync(profile.ProgramId));
        const int Page = 500;
        var events = new List<MemberEvent>();
        for (var before = State.Version + 1; before > 1;)
        {
            var stored = await store.ReadBackwardAsync(StreamId, before, Page, CancellationToken.None);
            if (stored.Count == 0)
            {
                break;
            }
            events.AddRange(stored.Select(e => stream.Codec.Decode(e.Payload)).Where(e => e is ReferralMade or ReferralSettled));
            before = stored[^1].Sequence;
        }
        events.Reverse();
        return Domain.Referrals.ReferralSummary.Of(profile.MemberId, events);
    });

    public Task<GrainReply<string?>> ReferringPartner() => GrainReplies.Run(async () =>
    {
        await CatchUpIfNotEnrolledAsync();
        Profile();
        return State.ReferringPartnerId;
    });

    public Task<GrainReply<ReferredBy?>> EnrolmentReferral() => GrainReplies.Run(async () =>
    {
        await CatchUpIfNotEnrolledAsync();
        Profile();
        // Made with the enrolment: among its first events.
        var first = await store.ReadBackwardAsync(StreamId, 10, 9, CancellationToken.None);
        return first.Select(e => stream.Codec.Decode(e.Payload)).OfType<ReferredBy>().FirstOrDefault();
    });

    /// <summary>
    /// Tells the referrer how this member's referral ended, and records that it heard. A delivery that fails stays owed
    /// for the next wake-up; the referrer takes it once however often it arrives.
    /// </summary>
    private async Task DeliverReferralAsync(ProgramRules rules)
    {
        if (deliveringReferral || MemberReferrals.Owed(State) is not { } owed)
        {
            return;
        }
        deliveringReferral = true;
        try
        {
            GrainReply<ReferralSettled> answer;
            try
            {
                // A reward about to be paid: which other members have this member's email or phone (the contact-digest
                // table, by digest: no scan), for the referrer's "already a member" check.
                if (owed.Voided is null && new[] { owed.RefereeEmailDigest, owed.RefereePhoneDigest }.OfType<string>().ToArray() is { Length: > 0 } digests)
                {
                    var holders = await insights.ReadContactHoldersAsync(owed.ProgramId, digests, CancellationToken.None);
                    owed = owed with { OtherMembersWithContact = [.. holders.Where(m => m != owed.RefereeMemberId)] };
                }
                answer = await GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(owed.ProgramId, owed.MemberId)).SettleReferral(owed);
            }
            catch (Exception ex) when (ex is not LoyaltyException)
            {
                LogReferralNotDelivered(owed.ReferralId, ex);
                return;
            }
            var now = time.GetUtcNow();
            // A referrer that can no longer answer (not enrolled) voids nothing: the referee keeps its own reward.
            var settled = answer.Error is null ? answer.Unwrap() : new ReferralSettled(owed.ReferralId, owed.RefereeMemberId, 0, owed.Voided) { OccurredAt = now, RecordedAt = now };
            // Made with the request being answered, if any, so its answer (and a retry's) carries the balance after it.
            var delivered = MemberAccount.System(State, now, MemberReferrals.Delivered(State, settled, now))
                .Select(e => e with { RequestId = answeringRequestId }).ToArray();
            answeringExtra?.AddRange(delivered);
            await PersistAsync(delivered, rules);
        }
        finally
        {
            deliveringReferral = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Referral {ReferralId}'s outcome could not be delivered to its referrer yet; it is delivered again.")]
    private partial void LogReferralNotDelivered(string referralId, Exception exception);

    /// <summary>
    /// Records a purchase. Coupon codes are checked first; the uses the domain accepts are claimed from their coupon
    /// grains before the purchase is made durable, and given back if it cannot be. A code used up by someone else
    /// in between is refused on this purchase (COUPON_USED_UP) and the purchase is decided again without it.
    /// </summary>
    public Task<GrainReply<PurchaseRecorded>> RecordPurchase(RecordPurchase command) => GrainReplies.Run(async () =>
    {
        var rules = await RulesAsync(command.ProgramId);
        await ApplyDueAsync(rules);
        var coupons = await CheckCouponsAsync(command);
        var claimed = new List<ICouponGrain>();
        var useId = CouponKey.UseOf(command.MemberId, command.RequestId);
        try
        {
            while (true)
            {
                var now = time.GetUtcNow();
                var decision = new MemberAccount(State, rules).Handle(command, now, coupons);
                if (decision.ReplayOf is { } done)
                {
                    return (PurchaseRecorded)await ReadAnswerAsync(done);
                }
                var purchase = (PurchaseRecorded)decision.Result;
                var refused = await ClaimCouponsAsync(purchase, useId, claimed);
                if (refused is null)
                {
                    var answer = (PurchaseRecorded)await PersistDecisionAsync(decision, rules, now);
                    claimed.Clear();
                    return answer;
                }
                // Someone else took the last use in between: decide again with the code used up.
                coupons = coupons.Select(c => c.Code != refused ? c
                    : c.Reward is { } reward ? c with { Reward = reward with { Used = true } }
                    : c with { Uses = c.Batch?.MaxUsesPerCode ?? c.Uses }).ToArray();
            }
        }
        finally
        {
            foreach (var coupon in claimed)
            {
                await coupon.Release(command.MemberId, useId);
            }
        }
    });

    public Task<GrainReply<PurchaseRecorded>> PreviewPurchase(RecordPurchase command) => GrainReplies.Run(async () =>
    {
        var rules = await RulesAsync(command.ProgramId);
        await ApplyDueAsync(rules);
        var coupons = await CheckCouponsAsync(command);
        var decision = new MemberAccount(State, rules).Handle(command, time.GetUtcNow(), coupons);
        return (PurchaseRecorded)(decision.ReplayOf is { } done ? await ReadAnswerAsync(done) : decision.Result);
    });

    /// <summary>Records a return; coupon uses the return gives back are released once it is durable.</summary>
    public Task<GrainReply<ReturnRecorded>> RecordReturn(RecordReturn command) => GrainReplies.Run(async () =>
    {
        // The purchase's lines and rules are on its event, not in memory: read it back for the return.
        await CatchUpIfNotEnrolledAsync();
        var bought = State.Purchases.TryGetValue(command.TransactionId, out var open)
            ? (PurchaseRecorded)await ReadEventAsync(open.Sequence)
            : null;
        var ret = await ExecuteAsync<ReturnRecorded>(command, bought);
        if (ret.CouponsReleased.Count > 0 && bought?.RequestId is { } purchaseRequest)
        {
            var useId = CouponKey.UseOf(command.MemberId, purchaseRequest);
            foreach (var code in ret.CouponsReleased)
            {
                await GrainFactory.GetGrain<ICouponGrain>(CouponKey.For(command.ProgramId, code)).Release(command.MemberId, useId);
            }
        }
        return ret;
    });

    public Task<GrainReply<RedemptionAuthorized>> AuthorizeRedemption(AuthorizeRedemption command) =>
        GrainReplies.Run(() => ExecuteAsync<RedemptionAuthorized>(command));

    public Task<GrainReply<RedemptionCaptured>> CaptureRedemption(CaptureRedemption command) =>
        GrainReplies.Run(() => ExecuteAsync<RedemptionCaptured>(command));

    public Task<GrainReply<RedemptionReleased>> VoidRedemption(VoidRedemption command) =>
        GrainReplies.Run(() => ExecuteAsync<RedemptionReleased>(command));

    public Task<GrainReply<PointsReinstated>> ReinstateExpiredPoints(ReinstateMemberPoints command) =>
        GrainReplies.Run(() => ExecuteAsync<PointsReinstated>(command));

    public Task<GrainReply<PointsAdjusted>> AdjustPoints(AdjustPoints command) =>
        GrainReplies.Run(() => ExecuteAsync<PointsAdjusted>(command));

    public Task<GrainReply<TierAssigned>> AssignTier(AssignTier command) =>
        GrainReplies.Run(() => ExecuteAsync<TierAssigned>(command));

    public Task<GrainReply<EventRecorded>> RecordEvent(RecordEvent command) =>
        GrainReplies.Run(() => ExecuteAsync<EventRecorded>(command));

    public Task<GrainReply<EarningCancelled>> CancelEarning(CancelEarning command) =>
        GrainReplies.Run(() => ExecuteAsync<EarningCancelled>(command));

    public Task<GrainReply<FeedbackRewardCredited>> CreditFeedbackReward(CreditFeedbackReward command) =>
        GrainReplies.Run(() => ExecuteAsync<FeedbackRewardCredited>(command));

    public Task<GrainReply<OfferBonusCredited>> CreditOfferBonus(CreditOfferBonus command) =>
        GrainReplies.Run(() => ExecuteAsync<OfferBonusCredited>(command));

    public Task<GrainReply<RewardRedeemed>> RedeemRewardPoints(RedeemRewardPoints command) =>
        GrainReplies.Run(() => ExecuteAsync<RewardRedeemed>(command));

    public Task<GrainReply<RewardRedemptionRefunded>> RefundRewardPoints(RefundRewardPoints command) =>
        GrainReplies.Run(() => ExecuteAsync<RewardRedemptionRefunded>(command));

    public Task<GrainReply<OpenPurchase>> FindOpenPurchase(string transactionId) => GrainReplies.Run(async () =>
    {
        await CatchUpIfNotEnrolledAsync();
        var profile = Profile();
        var rules = await RulesAsync(profile.ProgramId);
        // What fell due first, so a purchase past the return horizon is closed as a return would find it.
        await ApplyDueAsync(rules);
        return new OpenPurchase(State.Purchases.TryGetValue(transactionId, out var purchase) ? purchase.OccurredAt : null,
            rules.Settings.ReturnHorizon);
    });

    public Task<GrainReply<SentTransfer>> TransferPoints(TransferPoints command) => GrainReplies.Run(async () =>
    {
        var sent = await ExecuteAsync<PointsTransferredOut>(command);
        return new SentTransfer(sent, State.TransfersInFlight.ContainsKey(sent.TransferId));
    });

    public Task<GrainReply<PointsTransferredIn>> ReceiveTransfer(ReceiveTransfer command) =>
        GrainReplies.Run(() => ExecuteAsync<PointsTransferredIn>(command));

    public async Task SettleTransfer(string transferId, bool refunded)
    {
        var events = MemberAccount.SettleTransfer(State, transferId, refunded, time.GetUtcNow());
        if (events.Count > 0)
        {
            await PersistAsync(events, await programs.GetAsync(ProgramId));
        }
    }

    public async Task<bool> IsEnrolled()
    {
        await CatchUpIfNotEnrolledAsync();
        return State.Profile is not null;
    }

    /// <summary>
    /// Delivers every transfer still in flight to its receiver and records the outcome: credited, or refused (the
    /// points come back). A delivery that fails (the receiver's silo is down, a timeout) stays in flight for the next
    /// wake-up; the receiver credits a transfer once however often it arrives, so nothing is lost or counted twice.
    /// </summary>
    private async Task DeliverTransfersAsync()
    {
        var (programId, memberId) = MemberKey.Parse(this.GetPrimaryKeyString());
        foreach (var transfer in State.TransfersInFlight.Values.ToArray())
        {
            GrainReply<PointsTransferredIn> credited;
            try
            {
                var receiver = GrainFactory.GetGrain<IMemberGrain>(MemberKey.For(programId, transfer.ToMemberId));
                credited = await receiver.ReceiveTransfer(new ReceiveTransfer(programId, transfer.ToMemberId, transfer.TransferId, memberId,
                    transfer.Points, transfer.Note));
            }
            catch (Exception ex) when (ex is not LoyaltyException)
            {
                LogTransferNotDelivered(transfer.TransferId, ex);
                continue;
            }
            await SettleTransfer(transfer.TransferId, refunded: credited.Error is not null);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer {TransferId} could not be delivered yet; it stays in flight and is delivered again.")]
    private partial void LogTransferNotDelivered(string transferId, Exception exception);

    public Task<GrainReply<MemberView>> Get() => GrainReplies.Run(async () =>
    {
        await CatchUpIfNotEnrolledAsync();
        var profile = Profile();
        var rules = await RulesAsync(profile.ProgramId);
        await ApplyDueAsync(rules);
        return new MemberView(profile, State.Balance, MemberOverview.Of(State, rules, time.GetUtcNow()));
    });

    public Task<GrainReply<IReadOnlyList<string>>> Segments() => GrainReplies.Run<IReadOnlyList<string>>(async () =>
    {
        await CatchUpIfNotEnrolledAsync();
        await ApplyDueAsync(await RulesAsync(Profile().ProgramId));
        return State.Segments.Order(StringComparer.Ordinal).ToArray();
    });

    public Task<GrainReply<LedgerPage>> ListLedger(int pageSize, long? beforeSequence) => GrainReplies.Run(async () =>
    {
        await CatchUpIfNotEnrolledAsync();
        // The statement agrees with the balance: what has fallen due is on it.
        await ApplyDueAsync(await RulesAsync(Profile().ProgramId));
        var before = beforeSequence ?? State.Version + 1;
        var entries = new List<LedgerEntry>(pageSize);
        var next = before;
        // Events that move no points (enrolment) are skipped, so read on until the page is full. An event's lines
        // (one per rule) always stay on one page.
        while (entries.Count < pageSize && next > 1)
        {
            var events = await store.ReadBackwardAsync(StreamId, next, pageSize - entries.Count, CancellationToken.None);
            if (events.Count == 0)
            {
                break;
            }
            foreach (var stored in events)
            {
                entries.AddRange(LedgerEntry.From(stored.Sequence, stream.Codec.Decode(stored.Payload)));
            }
            next = events[^1].Sequence;
        }
        return new LedgerPage(entries, next > 1 && entries.Count >= pageSize ? next : null);
    });

    public Task<GrainReply<bool>> SetBirthday(int month, int day) => GrainReplies.Run(async () =>
    {
        var rules = await RulesAsync(ProgramId);
        await ApplyDueAsync(rules);
        var now = time.GetUtcNow();
        var changed = BirthdayBonuses.Change(State, rules, month, day, now);
        if (changed.Count == 0)
        {
            return false;
        }
        var runs = 0;
        await PersistAsync(changed, rules, state => ++runs > MemberAccount.MaxDueRuns ? [] : MemberAccount.Due(state, rules, now));
        return true;
    });

    public Task<GrainReply<bool>> ConsentGranted(string requestId) => GrainReplies.Run(async () =>
    {
        var rules = await RulesAsync(ProgramId);
        Profile();
        await ApplyDueAsync(rules);
        var now = time.GetUtcNow();
        if (CustomEvents.ConsentBonus(State, rules, requestId, now) is not { } bonus)
        {
            return false;
        }
        var runs = 0;
        await PersistAsync([bonus], rules, state => ++runs > MemberAccount.MaxDueRuns ? [] : MemberAccount.Due(state, rules, now));
        return true;
    });

    public Task<GrainReply<bool>> SetMarketingConsents(int channels) => GrainReplies.Run(async () =>
    {
        var rules = await RulesAsync(ProgramId);
        Profile();
        await ApplyDueAsync(rules);
        var now = time.GetUtcNow();
        if (MemberSegments.Consents(State, channels, now) is not { } changed)
        {
            return false;
        }
        var runs = 0;
        await PersistAsync(MemberAccount.System(State, now, changed), rules,
            state => ++runs > MemberAccount.MaxDueRuns ? [] : MemberAccount.Due(state, rules, now));
        return true;
    });

    public Task<GrainReply<bool>> RecordNps(string feedbackId, int score, DateTimeOffset answeredAt) => GrainReplies.Run(async () =>
    {
        var rules = await RulesAsync(ProgramId);
        Profile();
        await ApplyDueAsync(rules);
        var now = time.GetUtcNow();
        if (MemberSegments.Nps(State, feedbackId, score, answeredAt, now) is not { } answered)
        {
            return false;
        }
        var runs = 0;
        await PersistAsync(MemberAccount.System(State, now, answered, answeredAt), rules,
            state => ++runs > MemberAccount.MaxDueRuns ? [] : MemberAccount.Due(state, rules, now));
        return true;
    });

    public async Task WakeUp()
    {
        if (State.Profile is not null)
        {
            var rules = await programs.GetAsync(ProgramId);
            await ApplyDueAsync(rules, checkWakeUp: true);
            if (State.TransfersInFlight.Count > 0)
            {
                await DeliverTransfersAsync();
            }
            await DeliverReferralAsync(rules);
            ScheduleDueTimer(rules);
        }
    }

    private async Task<T> ExecuteAsync<T>(IMemberCommand command, PurchaseRecorded? returned = null) where T : MemberEvent
    {
        var rules = await RulesAsync(command.ProgramId);
        await ApplyDueAsync(rules);
        var now = time.GetUtcNow();
        var decision = new MemberAccount(State, rules).Handle(command, now, returned: returned);
        if (decision.ReplayOf is { } done)
        {
            return (T)await ReadAnswerAsync(done);
        }
        return (T)await PersistDecisionAsync(decision, rules, now);
    }

    /// <summary>
    /// Makes a decision durable together with what falls due with it (<see cref="MemberAccount.DueWith"/>: a late
    /// upload's points already past their expiry), in one commit, and answers with the balance after both: what
    /// GetMember says right after.
    /// </summary>
    private async Task<MemberEvent> PersistDecisionAsync(MemberDecision decision, ProgramRules rules, DateTimeOffset now)
    {
        var runs = 0;
        answeringRequestId = decision.Result.RequestId;
        answeringExtra = [];
        try
        {
            var followed = await PersistAsync(decision.NewEvents, rules,
                state => ++runs > MemberAccount.MaxDueRuns ? [] : MemberAccount.DueWith(state, rules, now, decision.Result));
            return MemberAccount.Answer(decision.Result, [.. followed, .. answeringExtra]);
        }
        finally
        {
            answeringRequestId = null;
            answeringExtra = null;
        }
    }

    /// <summary>
    /// A retried request's answer, as it was first given: its event, with the balance after the events the request made
    /// after it (<see cref="MemberAccount.MadeWith"/>; a few at most, read in small windows).
    /// </summary>
    private async Task<MemberEvent> ReadAnswerAsync(long sequence)
    {
        const int Window = 8;
        var answer = await ReadEventAsync(sequence);
        var following = new List<MemberEvent>();
        for (var from = sequence + 1; from <= stream.Version && answer.RequestId is not null; from += Window)
        {
            var stored = await store.ReadBackwardAsync(StreamId, Math.Min(from + Window, stream.Version + 1), Window, CancellationToken.None);
            var events = stored.Where(e => e.Sequence >= from).OrderBy(e => e.Sequence).Select(e => stream.Codec.Decode(e.Payload)).ToArray();
            following.AddRange(events);
            if (events.Length < Window || !MemberAccount.MadeWith(events[^1], answer))
            {
                break;
            }
        }
        return MemberAccount.Answer(answer, following);
    }

    /// <summary>One event of this member's journal: a purchase being returned, or the event that answered a retried request.</summary>
    private async Task<MemberEvent> ReadEventAsync(long sequence)
    {
        var events = await store.ReadBackwardAsync(StreamId, sequence + 1, 1, CancellationToken.None);
        if (events.Count == 0 || events[0].Sequence != sequence)
        {
            throw new InvalidOperationException($"Event {sequence} of {StreamId} is missing from the journal.");
        }
        return stream.Codec.Decode(events[0].Payload);
    }

    /// <summary>
    /// Makes durable what has fallen due. Called before every request, so it does no more than ask the domain when
    /// nothing is due; the timer is re-armed by whatever persists, and on activation and wake-up.
    /// </summary>
    /// <param name="checkWakeUp">Also rewrite the stored wake-up time if it is not the next due time (the wake-up service woke us).</param>
    private async Task ApplyDueAsync(ProgramRules rules, bool checkWakeUp = false)
    {
        for (var run = 0; run < MemberAccount.MaxDueRuns; run++)
        {
            var due = MemberAccount.Due(State, rules, time.GetUtcNow());
            if (due.Count == 0)
            {
                break;
            }
            await PersistAsync(due, rules);
            checkWakeUp = false;
        }
        if (checkWakeUp && (!wakeUpKnown || storedWakeUp != State.NextDue(rules)))
        {
            await PersistAsync([], rules, exactWakeUp: true);
        }
    }

    /// <summary>What the purchase's coupon codes' grains know (uses so far), unless the request is a retry.</summary>
    private async Task<IReadOnlyList<CouponStatus>> CheckCouponsAsync(RecordPurchase command)
    {
        if (command.Coupons.Count == 0 || State.Remembered(command.RequestId, time.GetUtcNow()) is not null)
        {
            return [];
        }
        // Bounce-back codes are the member's own (in its state), not a coupon grain's.
        return await Task.WhenAll(command.Coupons.Where(code => !BounceBackCoupon.IsCode(code)).Select(code =>
            GrainFactory.GetGrain<ICouponGrain>(CouponKey.For(command.ProgramId, code)).Check()));
    }

    /// <summary>Claims one use of each accepted coupon; the code a coupon grain refused, or null if all were claimed.</summary>
    private async Task<string?> ClaimCouponsAsync(PurchaseRecorded purchase, string useId, List<ICouponGrain> claimed)
    {
        var (programId, memberId) = MemberKey.Parse(this.GetPrimaryKeyString());
        foreach (var coupon in purchase.Coupons.Where(c => c.Accepted && !BounceBackCoupon.IsCode(c.Code)))
        {
            var grain = GrainFactory.GetGrain<ICouponGrain>(CouponKey.For(programId, coupon.Code));
            if ((await grain.Redeem(memberId, useId)).Error is not null)
            {
                return coupon.Code;
            }
            claimed.Add(grain);
        }
        return null;
    }

    /// <summary>
    /// Applies the events, then makes them durable together with the member's next due time (one transaction).
    /// Applying first gives the due time of the new state; if the write fails the activation, and so the applied
    /// state, is discarded and rebuilt from what is durable before the next request (<see cref="JournaledStream{TState,TEvent}"/>).
    /// </summary>
    /// <param name="follow">Events that follow from the applied state, appended in the same commit (see <see cref="JournaledStream{TState,TEvent}.AppendAsync"/>).</param>
    /// <param name="exactWakeUp">Store the next due time even if an earlier stored one would do (the wake-up service woke us).</param>
    /// <returns>The events <paramref name="follow"/> added.</returns>
    private async Task<IReadOnlyList<MemberEvent>> PersistAsync(IReadOnlyList<MemberEvent> events, ProgramRules rules,
        Func<MemberState, IReadOnlyList<MemberEvent>>? follow = null, bool exactWakeUp = false)
    {
        DateTimeOffset? due = null;
        var write = false;
        var now = time.GetUtcNow();
        var followed = await stream.AppendAsync(events, state =>
        {
            due = state.NextDue(rules);
            write = !wakeUpKnown || (due != storedWakeUp && (exactWakeUp || !EarlierWakeUpStands(due, now)));
            return write ? new WakeUp(due) : null;
        }, follow);
        wakeUpKnown = true;
        if (write)
        {
            storedWakeUp = due;
        }
        ScheduleDueTimer(due);
        await DeliverReferralAsync(rules);
        return followed;
    }

    /// <summary>
    /// Whether the stored wake-up can stay although the next due time moved later (or went away): it is still ahead, so
    /// the wake-up service will wake the member then, find nothing due and store the right time (<see cref="WakeUp"/>).
    /// A due time that moves later with nearly every purchase (a tier review, a lapse) then costs no row write per
    /// purchase, only one early wake-up. The stored time is never later than the next due time.
    /// </summary>
    private bool EarlierWakeUpStands(DateTimeOffset? due, DateTimeOffset now) =>
        storedWakeUp is { } stored && stored > now && (due is null || due > stored);

    private void ScheduleDueTimer(ProgramRules rules) => ScheduleDueTimer(State.NextDue(rules));

    private void ScheduleDueTimer(DateTimeOffset? due)
    {
        if (due == dueTimerAt)
        {
            return;
        }
        dueTimer?.Dispose();
        dueTimer = null;
        dueTimerAt = due;
        if (due is { } at)
        {
            var delay = at - time.GetUtcNow();
            if (delay <= TimeSpan.Zero && (State.TransfersInFlight.Count > 0 || State.Referral is { Closed: true }))
            {
                // A transfer in flight is due at once, and stays due until delivered: retry it at a steady pace.
                delay = TransferRetryDelay;
            }
            // Timers take at most ~49 days; a later due time is re-armed by the next activation or request.
            var capped = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxTimerDelay ? MaxTimerDelay : delay;
            dueTimer = this.RegisterGrainTimer(
                async _ =>
                {
                    dueTimerAt = null;
                    await WakeUp();
                },
                new GrainTimerCreationOptions(capped, Timeout.InfiniteTimeSpan));
        }
    }

    private MemberProfile Profile()
    {
        if (State.Profile is null)
        {
            var (programId, memberId) = MemberKey.Parse(this.GetPrimaryKeyString());
            throw new LoyaltyException(LoyaltyError.NotFound("MEMBER_NOT_FOUND",
                $"member '{memberId}' is not enrolled in program '{programId}'"));
        }
        return State.Profile;
    }

    private async ValueTask<ProgramRules> RulesAsync(string programId)
    {
        if (programId != ProgramId)
        {
            throw new InvalidOperationException($"A command for program '{programId}' reached member grain '{this.GetPrimaryKeyString()}'.");
        }
        await CatchUpIfNotEnrolledAsync();
        var rules = await programs.GetAsync(programId);
        State.RequestRetention = rules.Settings.RequestRetention(options.Value.RequestRetention);
        return rules;
    }
}
