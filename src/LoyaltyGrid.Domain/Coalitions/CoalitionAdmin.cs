using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Coalitions;

/// <summary>
/// The rules of changing a coalition, called by <see cref="ProgramAdmin"/> after it has validated the command and
/// ruled out a retry. A partner's history only ever grows at its end and never reaches into the past, because
/// settlement of a closed period must compute the same figures forever.
/// </summary>
public static class CoalitionAdmin
{
    public static CoalitionEvent Decide(ProgramRules rules, ICoalitionCommand command, DateTimeOffset now) => command switch
    {
        ConfigureCoalition configure => new CoalitionConfigured(configure.OperatorName, configure.LiabilityValueMinorPerThousandPoints, now),
        JoinPartner join => Join(rules, join, now),
        UpdatePartnerTerms update => Update(rules, update, now),
        RemovePartner remove => Remove(rules, remove, now),
        _ => throw new ArgumentException($"Unknown coalition command {command.GetType().Name}.", nameof(command)),
    };

    private static PartnerJoined Join(ProgramRules rules, JoinPartner command, DateTimeOffset now)
    {
        var coalition = rules.Coalition ?? throw new LoyaltyException(LoyaltyError.Precondition("NOT_A_COALITION",
            $"program '{command.ProgramId}' is not a coalition; ConfigureCoalition names its operator first"));
        var effectiveFrom = EffectiveFrom(command.EffectiveFrom, now);
        var merchantId = command.Terms.MerchantId;
        if (coalition.Partner(merchantId) is { } partner)
        {
            if (partner.Latest().Terms is not null)
            {
                throw new LoyaltyException(LoyaltyError.AlreadyExists("PARTNER_ALREADY_ACTIVE",
                    $"merchant '{merchantId}' is already a partner of program '{command.ProgramId}' (since {partner.Latest().EffectiveFrom:O}); " +
                    "UpdatePartnerTerms changes its terms"));
            }
            InOrder(partner, effectiveFrom);
        }
        return new PartnerJoined(command.Terms, effectiveFrom);
    }

    private static PartnerTermsUpdated Update(ProgramRules rules, UpdatePartnerTerms command, DateTimeOffset now)
    {
        var effectiveFrom = EffectiveFrom(command.EffectiveFrom, now);
        var partner = Known(rules, command.ProgramId, command.Terms.MerchantId);
        if (partner.Latest().Terms is null)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("PARTNER_LEFT",
                $"merchant '{partner.MerchantId}' left (or is due to leave) program '{command.ProgramId}' at {partner.Latest().EffectiveFrom:O}; JoinPartner brings it back"));
        }
        InOrder(partner, effectiveFrom);
        return new PartnerTermsUpdated(command.Terms, effectiveFrom);
    }

    private static PartnerRemoved Remove(ProgramRules rules, RemovePartner command, DateTimeOffset now)
    {
        var effectiveFrom = EffectiveFrom(command.EffectiveFrom, now);
        var partner = Known(rules, command.ProgramId, command.MerchantId);
        if (partner.Latest().Terms is null)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("PARTNER_ALREADY_LEFT",
                $"merchant '{partner.MerchantId}' already left (or is due to leave) program '{command.ProgramId}' at {partner.Latest().EffectiveFrom:O}"));
        }
        InOrder(partner, effectiveFrom);
        return new PartnerRemoved(command.MerchantId, effectiveFrom);
    }

    private static Partner Known(ProgramRules rules, string programId, string merchantId) =>
        rules.Coalition?.Partner(merchantId) ?? throw new LoyaltyException(LoyaltyError.NotFound("PARTNER_NOT_FOUND",
            $"merchant '{merchantId}' has never been a partner of program '{programId}'"));

    /// <summary>A change takes effect now or later, never earlier: the terms of the past are settled history.</summary>
    private static DateTimeOffset EffectiveFrom(DateTimeOffset? requested, DateTimeOffset now)
    {
        var at = requested ?? now;
        var v = new RequestValidator();
        if (at < now)
        {
            v.Add("effective_from", $"is in the past ({at:O}, now {now:O}): terms of the past never change, so settled periods stay as they were");
        }
        else if (at > now + CoalitionLimits.MaxScheduleAhead)
        {
            v.Add("effective_from", $"is more than {CoalitionLimits.MaxScheduleAhead.TotalDays:0} days ahead");
        }
        v.ThrowIfInvalid();
        return at;
    }

    /// <summary>A partner's history is kept in time order: a change may not slip in before one already scheduled.</summary>
    private static void InOrder(Partner partner, DateTimeOffset effectiveFrom)
    {
        var latest = partner.Latest();
        if (effectiveFrom < latest.EffectiveFrom)
        {
            throw new LoyaltyException(LoyaltyError.Precondition("PARTNER_CHANGE_SCHEDULED",
                $"merchant '{partner.MerchantId}' has a change scheduled for {latest.EffectiveFrom:O}; a new change must take effect at or after it"));
        }
    }
}
