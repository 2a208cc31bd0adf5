namespace LoyaltyGrid.Domain.Members;

/// <summary>
/// The rules of one member's points: decides what a command does to a <see cref="MemberState"/> without
/// changing it. Every refusal is a <see cref="LoyaltyException"/> thrown before any event is made.
/// </summary>
public sealed class MemberAccount(MemberState state, Programs.ProgramSettings program)
{
    public const string BaseRateRule = "base-rate";

    public MemberState State => state;

    public MemberDecision Handle(IMemberCommand command, DateTimeOffset now)
    {
        command.Validate();
        var fingerprint = Fingerprint.Of(command);
        if (state.Requests.TryGetValue(command.RequestId, out var done))
        {
            if (done.Fingerprint != fingerprint)
            {
                throw new LoyaltyException(LoyaltyError.AlreadyExists("REQUEST_ID_REUSED",
                    $"request_id '{command.RequestId}' was already used for a different request on this member; " +
                    "use a new request_id for a new request, or resend the original request unchanged"));
            }
            return new MemberDecision([], done.Result);
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
            case RecordPurchase purchase: Purchase(changes, purchase, now); break;
            case RecordReturn ret: Return(changes, ret, now); break;
            case AuthorizeRedemption authorize: Authorize(changes, authorize, now); break;
            case CaptureRedemption capture: Capture(changes, capture, now); break;
            case VoidRedemption @void: Void(changes, @void, now); break;
            default: throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command));
        }
        return changes.ToDecision();
    }

    /// <summary>Releases every open hold whose time is up. Empty when there is nothing to release.</summary>
    public static IReadOnlyList<MemberEvent> ExpireHolds(MemberState state, DateTimeOffset now)
    {
        var changes = new Changes(state, now, requestId: null, fingerprint: null);
        ReleaseExpiredHolds(state, changes, now);
        return changes.Events;
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
            OccurredAt = now,
            RecordedAt = now,
        });
        return changes.ToDecision();
    }

    private void Purchase(Changes changes, RecordPurchase command, DateTimeOffset now)
    {
        var occurredAt = CheckOccurredAt(command.OccurredAt, now);
        if (command.Currency != program.Currency)
        {
            new RequestValidator()
                .Add("currency", $"program '{program.ProgramId}' earns in {program.Currency}, the purchase is in {command.Currency}")
                .ThrowIfInvalid();
        }
        var total = command.Lines.Sum(line => line.AmountMinor);
        var points = (long)((Int128)total * program.PointsPerCurrencyUnit / Currencies.MinorPerMajor(program.Currency));
        if (state.Balance.LifetimeEarned + points > Limits.MaxLifetimePoints)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("POINTS_LIMIT_EXCEEDED",
                $"member '{command.MemberId}' would pass {Limits.MaxLifetimePoints} lifetime points; contact the program operator"));
        }
        ReleaseExpiredHolds(state, changes, now);
        changes.Add(new PurchaseRecorded(
            NewId("tx", now), command.MerchantId, command.StoreId, command.TerminalId, command.Currency,
            command.Lines, total, points, BaseRateRule)
        {
            OccurredAt = occurredAt,
            RecordedAt = now,
        });
    }

    private void Return(Changes changes, RecordReturn command, DateTimeOffset now)
    {
        var occurredAt = CheckOccurredAt(command.OccurredAt, now);
        if (!state.Purchases.TryGetValue(command.TransactionId, out var purchase))
        {
            throw new LoyaltyException(LoyaltyError.NotFound("TRANSACTION_NOT_FOUND",
                $"transaction '{command.TransactionId}' is not a purchase of member '{command.MemberId}'"));
        }
        long refund = 0;
        foreach (var line in command.Lines)
        {
            var bought = purchase.Lines.FirstOrDefault(l => l.Sku == line.Sku) ?? throw new LoyaltyException(
                LoyaltyError.Precondition("SKU_NOT_IN_TRANSACTION",
                    $"sku '{line.Sku}' was not bought in transaction '{purchase.TransactionId}'"));
            var left = bought.Quantity - purchase.ReturnedQuantities.GetValueOrDefault(line.Sku);
            if (line.Quantity > left)
            {
                throw new LoyaltyException(LoyaltyError.Precondition("RETURN_EXCEEDS_PURCHASE",
                    $"sku '{line.Sku}': {line.Quantity} returned but only {left} of {bought.Quantity} bought in " +
                    $"transaction '{purchase.TransactionId}' are left to return"));
            }
            refund += line.Quantity * bought.UnitPriceMinor;
        }
        // Cumulative rounding: after every partial return the reversed points are the purchase's points
        // times the share of money returned so far, rounded down, so the sum of several partial returns
        // never exceeds the purchase and a full return reverses it exactly.
        var reversedAfter = purchase.TotalMinor == 0
            ? 0
            : (long)((Int128)purchase.Points * (purchase.ReturnedMinor + refund) / purchase.TotalMinor);
        var due = reversedAfter - purchase.ReversedPoints;
        ReleaseExpiredHolds(state, changes, now);
        var taken = program.AllowNegativeBalance ? due : Math.Clamp(changes.Balance.Available, 0, due);
        changes.Add(new ReturnRecorded(
            NewId("ret", now), purchase.TransactionId, command.Lines, refund, taken, due - taken,
            NullIfEmpty(command.MerchantId), NullIfEmpty(command.StoreId), NullIfEmpty(command.TerminalId))
        {
            OccurredAt = occurredAt,
            RecordedAt = now,
        });
    }

    private void Authorize(Changes changes, AuthorizeRedemption command, DateTimeOffset now)
    {
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
        var hold = OpenHold(command.HoldId, now, "captured");
        changes.Add(new RedemptionCaptured(hold.HoldId, hold.Points) { OccurredAt = now, RecordedAt = now });
    }

    private void Void(Changes changes, VoidRedemption command, DateTimeOffset now)
    {
        var hold = OpenHold(command.HoldId, now, "voided");
        changes.Add(new RedemptionReleased(hold.HoldId, hold.Points, HoldReleaseReason.Voided) { OccurredAt = now, RecordedAt = now });
    }

    private HoldRecord OpenHold(string holdId, DateTimeOffset now, string action)
    {
        if (!state.Holds.TryGetValue(holdId, out var hold))
        {
            throw new LoyaltyException(LoyaltyError.NotFound("HOLD_NOT_FOUND",
                $"hold '{holdId}' does not exist for member '{state.Profile!.MemberId}'"));
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
                });
            }
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
        public void Add(MemberEvent e) =>
            result = Append(e with { RequestId = requestId, Fingerprint = fingerprint });

        /// <summary>Adds an event the system makes by itself on the way (hold expiry).</summary>
        public void AddSystem(MemberEvent e) => Append(e);

        public MemberDecision ToDecision() =>
            new(events, result ?? throw new InvalidOperationException("The decision has no result event."));

        private MemberEvent Append(MemberEvent e)
        {
            Balance = e.ApplyTo(Balance);
            var stamped = e with { BalanceAfter = Balance, RecordedAt = now };
            events.Add(stamped);
            return stamped;
        }
    }
}
