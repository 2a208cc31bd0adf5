using System.Globalization;
using LoyaltyGrid.Domain.Benefits;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Profiles;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain.Messaging;

/// <summary>
/// Which messages a journal event calls for, and what it changes of the member's <see cref="MessageRecipient"/>.
/// Pure and per event: the messages projection runs it over the journal feed in order.
/// </summary>
public static class MessageRules
{
    /// <summary>A profile change: consents, reachable channels and the time zone. An erasure forgets all three.</summary>
    public static MessageRecipient Apply(MessageRecipient recipient, ProfileEvent e) => e switch
    {
        ConsentChanged changed => Reach(recipient with
        {
            Consented = MessageChannels.With(recipient.Consented, changed.Consent.Channel, changed.Consent.Granted),
        }, MessageChannels.Has(recipient.Reachable, ConsentChannel.Email), MessageChannels.Has(recipient.Reachable, ConsentChannel.Sms)),
        ProfileUpdated updated => Reach(recipient with { TimeZone = updated.Contact.TimeZone },
            !string.IsNullOrEmpty(updated.Contact.Email), !string.IsNullOrEmpty(updated.Contact.Phone)),
        ProfileErased => recipient with { Consented = 0, Reachable = 0, TimeZone = null },
        _ => recipient,
    };

    /// <summary>
    /// The messages a member event calls for. The balance is the event's own (<see cref="MemberEvent.BalanceAfter"/>, and
    /// before it that less the event's change, as every change of a balance is a sum), so the recipient is not changed
    /// by points. <paramref name="sourceKey"/> names the event (stream and sequence); each message adds its kind to it.
    /// </summary>
    public static (IReadOnlyList<MessageDraft> Drafts, MessageRecipient Recipient) Decide(
        MessageRecipient recipient, MemberEvent e, string sourceKey, MessagingPolicy policy)
    {
        var after = e.BalanceAfter;
        var beforeAvailable = after.Available - e.ApplyTo(Balance.Zero).Available;
        var drafts = new List<MessageDraft>(2);
        void Add(MessageKind kind, params (string Key, string? Value)[] data) => drafts.Add(new MessageDraft(
            recipient.ProgramId, recipient.MemberId, kind, $"{sourceKey}:{(int)kind}", e.OccurredAt,
            data.Where(d => !string.IsNullOrEmpty(d.Value)).ToDictionary(d => d.Key, d => d.Value!, StringComparer.Ordinal)));
        switch (e)
        {
            case PurchaseRecorded purchase:
                if (purchase.Points > 0)
                {
                    Add(MessageKind.PointsEarned, ("points", Number(purchase.Points)), ("transaction_id", purchase.TransactionId),
                        ("merchant_id", purchase.MerchantId), ("store_id", purchase.StoreId),
                        ("pending_until", purchase.PendingUntil?.ToString("O", CultureInfo.InvariantCulture)), ("available", Number(after.Available)));
                }
                Add(MessageKind.FeedbackRequest, ("transaction_id", purchase.TransactionId), ("merchant_id", purchase.MerchantId),
                    ("store_id", purchase.StoreId));
                break;
            case TierChanged { Reason: TierChangeReason.Upgrade } tier:
                Add(MessageKind.TierUpgraded, ("from_tier_id", tier.FromTierId), ("to_tier_id", tier.ToTierId),
                    ("review_at", tier.ReviewAt?.ToString("O", CultureInfo.InvariantCulture)));
                break;
            case TierRiskChecked { AtRisk: true } risk:
                Add(MessageKind.TierAtRisk, ("tier_id", risk.TierId), ("review_at", risk.ReviewAt.ToString("O", CultureInfo.InvariantCulture)),
                    ("metric", Number(risk.Metric)), ("threshold", Number(risk.Threshold)), ("needed", Number(risk.Threshold - risk.Metric)));
                break;
            case BirthdayBonusAwarded birthday:
                Add(MessageKind.Birthday, ("year", Number(birthday.Year)), ("points", birthday.Points > 0 ? Number(birthday.Points) : null));
                break;
            case ReferralSettled { Voided: null, Points: > 0 } settled:
                Add(MessageKind.ReferralRewarded, ("referral_id", settled.ReferralId), ("role", "referrer"),
                    ("referee_member_id", settled.RefereeMemberId), ("points", Number(settled.Points)));
                break;
            case ReferralOutcomeDelivered { Voided: null, RefereePoints: > 0 } delivered:
                Add(MessageKind.ReferralRewarded, ("referral_id", delivered.ReferralId), ("role", "referee"), ("points", Number(delivered.RefereePoints)));
                break;
        }
        if (policy.RewardThresholdPoints > 0 && beforeAvailable < policy.RewardThresholdPoints && after.Available >= policy.RewardThresholdPoints)
        {
            Add(MessageKind.RewardAffordable, ("available", Number(after.Available)), ("threshold", Number(policy.RewardThresholdPoints)));
        }
        return (drafts, recipient);
    }

    /// <summary>A shared benefit's publication: one program-wide message, for the sender to fan out to the members it is for.</summary>
    public static MessageDraft? Decide(string programId, ProgramEvent e, string sourceKey) => e is BenefitPublished published
        ? new MessageDraft(programId, "", MessageKind.BenefitPublished, $"{sourceKey}:{(int)MessageKind.BenefitPublished}", e.RecordedAt,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["benefit_id"] = published.Benefit.BenefitId,
                ["name"] = published.Benefit.Name,
                ["valid_from"] = published.Benefit.ValidFrom.ToString("O", CultureInfo.InvariantCulture),
                ["valid_until"] = published.Benefit.ValidUntil.ToString("O", CultureInfo.InvariantCulture),
                ["merchant_ids"] = string.Join(',', published.Benefit.MerchantIds),
                ["tier_ids"] = string.Join(',', published.Benefit.Target.TierIds),
            })
        : null;

    /// <summary>
    /// A new offer: one message per member an offer names (each gated by consent, quiet hours and caps), or, for an offer
    /// to tiers, segments or everyone, one program-wide message for the sender to fan out (like a benefit's).
    /// </summary>
    public static IReadOnlyList<MessageDraft> Decide(string programId, Offers.OfferEvent e, string sourceKey)
    {
        if (e is not Offers.OfferCreated { Offer: var offer })
        {
            return [];
        }
        var key = $"{sourceKey}:{(int)MessageKind.NewOffer}";
        Dictionary<string, string> Data() => new(StringComparer.Ordinal)
        {
            ["offer_id"] = offer.OfferId,
            ["name"] = offer.Name,
            ["offer_kind"] = offer.Kind.ToString(),
            ["valid_from"] = offer.ValidFrom.ToString("O", CultureInfo.InvariantCulture),
            ["valid_until"] = offer.ValidUntil.ToString("O", CultureInfo.InvariantCulture),
        };
        if (offer.MemberIds.Count > 0)
        {
            return [.. offer.MemberIds.Select(memberId => new MessageDraft(programId, memberId, MessageKind.NewOffer, key, e.At, Data()))];
        }
        var wide = Data();
        wide["tier_ids"] = string.Join(',', offer.TierIds);
        wide["segment_ids"] = string.Join(',', offer.SegmentIds);
        return [new MessageDraft(programId, "", MessageKind.NewOffer, key, e.At, wide)];
    }

    /// <summary>
    /// The expiry check of a member (<see cref="MessageRecipient.ExpiryCheckAt"/>) with what its account says expires
    /// within the next 30 days: a warning when some points expire within the policy's window (and the next check after
    /// the first of them), else the next check when the window could first reach what now lies beyond it; null when the
    /// member has no points to lose.
    /// </summary>
    /// <param name="points">The member's available and pending points now (its account's answer, with <paramref name="expiring"/>).</param>
    public static (MessageDraft? Warning, DateTimeOffset? NextCheck) ExpiryCheck(
        MessageRecipient recipient, IReadOnlyList<ExpiringPoints> expiring, long points, MessagingPolicy policy, DateTimeOffset now)
    {
        if (policy.ExpiryWarningDays <= 0)
        {
            return (null, null);
        }
        var window = now.AddDays(policy.ExpiryWarningDays);
        var soon = expiring.Where(x => x.Points > 0 && x.ExpiresAt <= window).OrderBy(x => x.ExpiresAt).ToArray();
        if (soon.Length > 0)
        {
            var first = soon[0].ExpiresAt;
            var warning = new MessageDraft(recipient.ProgramId, recipient.MemberId, MessageKind.PointsExpiring,
                $"expiry/{recipient.ProgramId}/{recipient.MemberId}:{first.ToUnixTimeMilliseconds()}:{(int)MessageKind.PointsExpiring}", now,
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["points"] = Number(soon.Sum(x => x.Points)),
                    ["expires_at"] = first.ToString("O", CultureInfo.InvariantCulture),
                });
            // Not before an hour from now: an expiry already due but not yet applied must not be checked (and warned of) again at once.
            var next = first.AddMinutes(1);
            return (warning, next > now.AddHours(1) ? next : now.AddHours(1));
        }
        if (points <= 0)
        {
            return (null, null);
        }
        var lookahead = Math.Max(1, MemberOverview.ExpiringWindowDays - policy.ExpiryWarningDays);
        return (null, now.AddDays(lookahead));
    }

    private static MessageRecipient Reach(MessageRecipient recipient, bool hasEmail, bool hasPhone) =>
        recipient with { Reachable = MessageGate.Reachable(hasEmail, hasPhone, recipient.Consented) };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
