using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Rewards;

/// <summary>
/// The rules of one reward's stream: decides what a command does to a <see cref="RewardState"/> without changing it.
/// Every refusal is a <see cref="LoyaltyException"/> thrown before any event is made; a retry (same request id, same
/// content) is answered from <see cref="RewardState.Requests"/>.
/// </summary>
public static class RewardBook
{
    /// <summary>
    /// How long a reservation whose debit's outcome is unknown (a timeout, a silo lost) waits before the reward is woken
    /// to send the same debit again: longer than a call's timeout, so a debit still in flight is not raced.
    /// </summary>
    public static readonly TimeSpan ReservationRetryAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// When the reward must be woken to finish its reservations: <see cref="ReservationRetryAfter"/> after the oldest
    /// one, and not before <paramref name="notBefore"/> (after a retry that failed too); null when none is open.
    /// </summary>
    public static DateTimeOffset? NextRetry(RewardState state, DateTimeOffset? notBefore)
    {
        var reserved = state.Reserved();
        if (reserved.Count == 0)
        {
            return null;
        }
        var due = reserved.Min(r => r.RedeemedAt) + ReservationRetryAfter;
        return notBefore > due ? notBefore : due;
    }

    /// <summary>A CreateReward or UpdateReward: the definition written, or the one a retry answered with.</summary>
    public static (RewardDefined? New, Reward Answer) Define(RewardState state, ProgramRules rules, DefineReward command, DateTimeOffset now)
    {
        command.Validate();
        var fingerprint = Fingerprint.Of(command);
        var key = RewardState.RequestKey(null, command.RequestId);
        if (Replay(state, key, command, fingerprint, now) is { } done)
        {
            return (null, done.Defined ?? state.Reward!);
        }
        var existing = state.Reward;
        if (command.Create && existing is not null)
        {
            throw new LoyaltyException(LoyaltyError.AlreadyExists("REWARD_ALREADY_EXISTS",
                $"program '{command.ProgramId}' already has reward '{command.RewardId}'; change it with UpdateReward"));
        }
        if (!command.Create && existing is null)
        {
            throw NotFound(command.ProgramId, command.RewardId);
        }
        if (existing is not null && existing.Kind != command.Kind)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("REWARD_KIND_CHANGED",
                $"reward '{command.RewardId}' is a {existing.Kind} reward; its kind cannot change (create another reward)"));
        }
        if (command.Stock < state.Taken)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("REWARD_STOCK_BELOW_TAKEN",
                $"reward '{command.RewardId}' has {state.Taken} unit(s) taken; its stock cannot be lower"));
        }
        foreach (var tierId in command.TierIds)
        {
            if (rules.Tier(tierId) is null)
            {
                throw new LoyaltyException(LoyaltyError.NotFound("TIER_NOT_FOUND", $"program '{command.ProgramId}' has no tier '{tierId}'"));
            }
        }
        var segments = new RequestValidator();
        Programs.ProgramRuleChecks.SegmentsExist(segments, rules, "reward.segment_ids", command.SegmentIds);
        segments.ThrowIfInvalid();
        if (command.PartnerId is { Length: > 0 } partnerId)
        {
            if (rules.Coalition is null)
            {
                throw new LoyaltyException(LoyaltyError.Precondition("NOT_A_COALITION",
                    $"program '{command.ProgramId}' is not a coalition, so a reward cannot name a partner"));
            }
            if (CoalitionRules.PartnerAt(rules, partnerId, now) is null)
            {
                throw new LoyaltyException(LoyaltyError.NotFound("PARTNER_NOT_FOUND",
                    $"merchant '{partnerId}' is not a partner of coalition program '{command.ProgramId}' now"));
            }
        }
        var validFrom = command.ValidFrom ?? existing?.ValidFrom ?? now;
        if (command.ValidUntil is { } until && until <= validFrom)
        {
            new RequestValidator().Add("valid_until", $"must be after valid_from ({validFrom:O})").ThrowIfInvalid();
        }
        var reward = new Reward(command.RewardId, command.Name, command.Description ?? "", command.Kind!.Value, command.PointsCost,
            NullIfEmpty(command.Sku), command.DiscountMinor, command.DiscountPercent, NullIfEmpty(command.ServiceName),
            NullIfEmpty(command.CharityName), command.DonationMinor, NullIfEmpty(command.PartnerId), command.Stock, command.PerMemberLimit,
            validFrom, command.ValidUntil, [.. command.TierIds], command.CodeValidity ?? Reward.DefaultCodeValidity)
        {
            SegmentIds = [.. command.SegmentIds],
        };
        return (new RewardDefined(reward, command.Actor) { RequestId = key, Fingerprint = fingerprint, At = now }, reward);
    }

    /// <summary>
    /// Reserves one unit for a member (the reward's checks: window, stock, the member's limit), or finds the
    /// redemption a retry is about. The member's checks (tier, points) are the member account's, on the debit.
    /// </summary>
    /// <param name="codeSuffix"><see cref="RewardState.CodeSuffixLength"/> random characters for a new code.</param>
    public static (RewardReserved? New, RewardRedemption? Existing) Reserve(RewardState state, RedeemReward command, string codeSuffix,
        DateTimeOffset now)
    {
        command.Validate();
        var fingerprint = Fingerprint.Of(command);
        var key = RewardState.RequestKey(command.MemberId, command.RequestId);
        if (Replay(state, key, command, fingerprint, now) is { } done)
        {
            return (null, done.Code is { } c && state.Redemptions.TryGetValue(c, out var redemption) ? redemption : null);
        }
        var reward = state.Reward ?? throw NotFound(command.ProgramId, command.RewardId);
        if (RewardEligibility.RewardWhyNot(reward, state.StockLeft, state.TakenBy(command.MemberId), now) is { } why)
        {
            throw new LoyaltyException(LoyaltyError.Precondition(why.Reason, why.Message));
        }
        var code = $"{reward.RewardId}.{codeSuffix}";
        if (state.Redemptions.ContainsKey(code))
        {
            throw new InvalidOperationException($"Code {code} was drawn twice; draw another.");
        }
        return (new RewardReserved(code, command.MemberId, reward.PointsCost, now + reward.CodeValidity)
        {
            RequestId = key,
            Fingerprint = fingerprint,
            At = now,
        }, null);
    }

    /// <summary>Cancels a member's unused, unexpired code, or finds the cancellation a retry is about.</summary>
    public static (RewardRedemptionCancelled? New, RewardRedemption Redemption) Cancel(RewardState state, CancelRewardRedemption command,
        DateTimeOffset now)
    {
        command.Validate();
        var fingerprint = Fingerprint.Of(command);
        var key = RewardState.RequestKey(command.MemberId, command.RequestId);
        var notFound = new LoyaltyException(LoyaltyError.NotFound("REWARD_CODE_NOT_FOUND",
            $"member '{command.MemberId}' holds no reward code '{command.Code}' in program '{command.ProgramId}'"));
        if (Replay(state, key, command, fingerprint, now) is { } done)
        {
            return (null, state.Redemptions.GetValueOrDefault(done.Code!) ?? throw notFound);
        }
        if (!state.Redemptions.TryGetValue(command.Code, out var redemption) || redemption.MemberId != command.MemberId
            || redemption.Status == RedemptionStatus.Reserved)
        {
            throw notFound;
        }
        if (redemption.Status == RedemptionStatus.Cancelled)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("REWARD_ALREADY_CANCELLED", $"reward code '{command.Code}' was already cancelled"));
        }
        if (now >= redemption.ExpiresAt)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("REWARD_CODE_EXPIRED",
                $"reward code '{command.Code}' expired at {redemption.ExpiresAt:O}; an expired code cannot be cancelled"));
        }
        return (new RewardRedemptionCancelled(command.Code) { RequestId = key, Fingerprint = fingerprint, At = now }, redemption);
    }

    private static RewardRequest? Replay(RewardState state, string key, object command, string fingerprint, DateTimeOffset now)
    {
        if (state.Remembered(key, now) is not { } done)
        {
            return null;
        }
        if (!Fingerprint.Matches(done.Fingerprint, command, fingerprint))
        {
            throw new LoyaltyException(LoyaltyError.AlreadyExists("REQUEST_ID_REUSED",
                $"request_id '{key[(key.IndexOf('/') + 1)..]}' was already used for a different request on this reward; " +
                "use a new request_id for a new request, or resend the original request unchanged"));
        }
        return done;
    }

    private static LoyaltyException NotFound(string programId, string rewardId) =>
        new(LoyaltyError.NotFound("REWARD_NOT_FOUND", $"program '{programId}' has no reward '{rewardId}'"));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
