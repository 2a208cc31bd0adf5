using System.Security.Cryptography;
using System.Text.Json;
using LoyaltyGrid.Domain.Benefits;
using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Domain;

/// <summary>
/// A short digest of a request's whole content. Two requests with one request_id are the same request
/// only if their fingerprints match; otherwise the second is refused with ALREADY_EXISTS.
/// Member and program commands are digested from an explicit, hand-written list of their fields (version 2, "2:"
/// prefix), so renaming a C# property changes no fingerprint. Fingerprints recorded before that (no prefix) were
/// digests of the command's C# JSON; <see cref="Matches"/> recomputes those the old way, so a retry of a request made before the
/// upgrade is still recognised.
/// </summary>
public static class Fingerprint
{
    private const string V2 = "2:";

    /// <summary>Digest of the request's kind and every field: a void never passes for a capture of the same hold.</summary>
    public static string Of(object request) => request switch
    {
        IMemberCommand command => V2 + Canonical(command),
        IProgramCommand command => V2 + Canonical(command),
        Profiles.IProfileCommand command => V2 + Canonical(command),
        CustomerFeedback.SubmitFeedback command => V2 + Canonical(command),
        Rewards.DefineReward or Rewards.RedeemReward or Rewards.CancelRewardRedemption => V2 + CanonicalReward(request),
        Offers.CreateOffer or Offers.RespondToOffer => V2 + CanonicalOffer(request),
        _ => Legacy(request),
    };

    /// <summary>
    /// Whether <paramref name="recorded"/> (from the journal) is the fingerprint of <paramref name="request"/>, whose
    /// current fingerprint is <paramref name="current"/>: compared as it was computed when it was recorded.
    /// </summary>
    public static bool Matches(string recorded, object request, string current) =>
        recorded.StartsWith(V2, StringComparison.Ordinal) || current == recorded
            ? recorded == current
            : recorded == Legacy(request);

    /// <summary>
    /// How fingerprints were computed up to main 0384d1b: SHA-256 of the type's full name and its default JSON. Only
    /// for requests recorded then, which a retry can reach until they pass retention; it depends on the C# shapes of
    /// that release, so do not rename the command types or their properties while such requests can still be retried.
    /// </summary>
    public static string Legacy(object request)
    {
        var kind = System.Text.Encoding.UTF8.GetBytes(request.GetType().FullName + "\n");
        var content = JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), LegacyOptions);
        Span<byte> hash = stackalloc byte[32];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(kind);
        sha.AppendData(content);
        sha.GetHashAndReset(hash);
        return Convert.ToBase64String(hash[..16]);
    }

    /// <summary>The default options, less the properties added since (<see cref="LaterThanLegacyFingerprintAttribute"/>) while unset.</summary>
    private static readonly JsonSerializerOptions LegacyOptions = new()
    {
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver { Modifiers = { OmitLaterWhenUnset } },
    };

    private static void OmitLaterWhenUnset(System.Text.Json.Serialization.Metadata.JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.AttributeProvider?.IsDefined(typeof(LaterThanLegacyFingerprintAttribute), true) == true)
            {
                property.ShouldSerialize = static (_, value) => value switch
                {
                    null => false,
                    System.Collections.ICollection c => c.Count > 0,
                    bool b => b,
                    long n => n != 0,
                    int n => n != 0,
                    _ => true,
                };
            }
        }
    }

    private static string Canonical(IMemberCommand command)
    {
        var w = new CanonicalWriter();
        switch (command)
        {
            case EnrollMember c:
                w.Kind("enroll_member").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.CardAlias);
                // Where the member joined came later: an enrolment that names no place keeps the digest it always had.
                if (c.MerchantId is not null || c.StoreId is not null || c.TerminalId is not null)
                {
                    w.Text(c.MerchantId).Text(c.StoreId).Text(c.TerminalId);
                }
                // Referral codes came later still: only when sent.
                if (c.ReferralCode is not null)
                {
                    w.Text("referral").Text(c.ReferralCode);
                }
                break;
            case RecordPurchase c:
                w.Kind("record_purchase").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.MerchantId).Text(c.StoreId)
                    .Text(c.TerminalId).Text(c.Currency).Count(c.Lines.Count);
                foreach (var line in c.Lines)
                {
                    w.Text(line.Sku).Text(line.Category).Number(line.Quantity).Number(line.UnitPriceMinor);
                }
                // Line labels came later: only when a line has some, so a basket without them keeps the digest it always had.
                if (c.Lines.Any(l => l.Labels.Count > 0))
                {
                    w.Text("line_labels");
                    foreach (var line in c.Lines)
                    {
                        w.Texts(line.Labels);
                    }
                }
                // Delivery lines likewise: only when there is one.
                if (c.Lines.Any(l => l.Delivery))
                {
                    w.Text("delivery_lines");
                    foreach (var line in c.Lines)
                    {
                        w.Flag(line.Delivery);
                    }
                }
                // No coupons and no benefits are one request whether the lists were left out or sent empty.
                w.Time(c.OccurredAt).Texts(c.Coupons).Texts(c.AppliedBenefits);
                break;
            case RecordReturn c:
                w.Kind("record_return").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.TransactionId).Count(c.Lines.Count);
                foreach (var line in c.Lines)
                {
                    w.Text(line.Sku).Number(line.Quantity);
                }
                w.Text(c.MerchantId).Text(c.StoreId).Text(c.TerminalId).Time(c.OccurredAt);
                break;
            case AuthorizeRedemption c:
                w.Kind("authorize_redemption").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Number(c.Points)
                    .Text(c.MerchantId).Text(c.StoreId).Text(c.TerminalId);
                break;
            case CaptureRedemption c:
                w.Kind("capture_redemption").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.HoldId).Text(c.MerchantId);
                if (c.StoreId is { } store)
                {
                    w.Text(store); // only when sent, so captures without a store keep their fingerprint
                }
                break;
            case VoidRedemption c:
                w.Kind("void_redemption").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.HoldId).Text(c.MerchantId);
                if (c.StoreId is { } voidStore)
                {
                    w.Text(voidStore); // only when sent, so voids without a store keep their fingerprint
                }
                break;
            case ReinstateMemberPoints c:
                w.Kind("reinstate_member_points").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.Actor)
                    .Time(c.ExpiredFrom).Time(c.ExpiredUntil).Text(c.Reason);
                break;
            case AdjustPoints c:
                w.Kind("adjust_points").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.Actor).Number(c.Points)
                    .Text(Stable(c.Reason)).Text(c.Note).Time(c.ExpiresAt);
                break;
            case RecordReferral c:
                w.Kind("record_referral").Text(c.ProgramId).Text(c.MemberId).Text(c.RefereeMemberId).Text(c.RefereeCardAlias).Text(c.Code)
                    .Flag(c.RefereeWasMember);
                break;
            case SettleReferral c:
                w.Kind("settle_referral").Text(c.ProgramId).Text(c.MemberId).Text(c.ReferralId).Text(c.RefereeMemberId).Number(c.Points)
                    .Text(c.Voided?.ToString()).Text(c.RefereeEmailDigest).Text(c.RefereePhoneDigest);
                break;
            case AssignTier c:
                w.Kind("assign_tier").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.Actor).Text(c.TierId)
                    .Time(c.EndsAt).Text(c.Note);
                break;
            case CancelEarning c:
                w.Kind("cancel_earning").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.Actor)
                    .Text(NullIfEmpty(c.TransactionId)).Text(NullIfEmpty(c.AdjustmentId)).Text(Stable(c.Reason)).Text(c.Note);
                break;
            case TransferPoints c:
                w.Kind("transfer_points").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.ToMemberId).Number(c.Points)
                    .Text(NullIfEmpty(c.Note));
                break;
            case RecordEvent c:
                w.Kind("record_event").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.EventType).Text(NullIfEmpty(c.Reference));
                break;
            case CreditFeedbackReward c:
                w.Kind("credit_feedback_reward").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.FeedbackId).Number(c.Points)
                    .Text(c.TransactionId).Text(c.MerchantId).Text(c.StoreId);
                break;
            case CreditOfferBonus c:
                w.Kind("credit_offer_bonus").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.OfferId).Number(c.Acceptance)
                    .Number(c.Points);
                break;
            case RedeemRewardPoints c:
                w.Kind("redeem_reward_points").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.RewardId).Text(c.Code)
                    .Number(c.Points).Texts(c.TierIds).Text(c.PartnerId);
                // Added later: only when set, so a debit without them keeps the digest it always had.
                if (c.SegmentIds.Count > 0)
                {
                    w.Text("segments").Texts(c.SegmentIds);
                }
                break;
            case RefundRewardPoints c:
                w.Kind("refund_reward_points").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.RewardId).Text(c.Code)
                    .Number(c.Points).Text(c.PartnerId);
                break;
            case ReceiveTransfer c:
                w.Kind("receive_transfer").Text(c.ProgramId).Text(c.MemberId).Text(c.TransferId).Text(c.FromMemberId).Number(c.Points)
                    .Text(NullIfEmpty(c.Note));
                break;
            default:
                throw new ArgumentException($"{command.GetType().Name} has no canonical fingerprint; add its fields here.", nameof(command));
        }
        return w.Digest();
    }

    private static string CanonicalOffer(object command)
    {
        var w = new CanonicalWriter();
        switch (command)
        {
            case Offers.CreateOffer c:
                w.Kind("create_offer").Text(c.RequestId).Text(c.ProgramId).Text(c.OfferId).Text(c.Name).Text(NullIfEmpty(c.Description))
                    .Number(c.Kind is { } kind ? (long)kind : null).Number(c.BonusPoints).Text(NullIfEmpty(c.PromotionId))
                    .Text(NullIfEmpty(c.RewardId)).Texts(c.MemberIds).Texts(c.TierIds).Texts(c.SegmentIds).Time(c.ValidFrom).Time(c.ValidUntil)
                    .Count(c.PerMemberCap).Number(c.PointValueMilliMinor).Number(c.ProgramValueMinor);
                break;
            case Offers.RespondToOffer c:
                w.Kind("respond_to_offer").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.OfferId)
                    .Number(c.Response is { } response ? (long)response : null);
                break;
            default:
                throw new ArgumentException($"{command.GetType().Name} has no canonical fingerprint; add its fields here.", nameof(command));
        }
        return w.Digest();
    }

    private static string CanonicalReward(object command)
    {
        var w = new CanonicalWriter();
        switch (command)
        {
            case Rewards.DefineReward c:
                w.Kind(c.Create ? "create_reward" : "update_reward").Text(c.RequestId).Text(c.ProgramId).Text(c.RewardId).Text(c.Name)
                    .Text(NullIfEmpty(c.Description)).Number(c.Kind is { } kind ? (long)kind : null).Number(c.PointsCost).Text(NullIfEmpty(c.Sku))
                    .Number(c.DiscountMinor).Number(c.DiscountPercent).Text(NullIfEmpty(c.ServiceName)).Text(NullIfEmpty(c.CharityName))
                    .Number(c.DonationMinor).Text(NullIfEmpty(c.PartnerId)).Number(c.Stock).Number(c.PerMemberLimit).Time(c.ValidFrom)
                    .Time(c.ValidUntil).Texts(c.TierIds).Duration(c.CodeValidity);
                // Added later: only when set, so a definition without them keeps the digest it always had.
                if (c.SegmentIds.Count > 0)
                {
                    w.Text("segments").Texts(c.SegmentIds);
                }
                break;
            case Rewards.RedeemReward c:
                w.Kind("redeem_reward").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.RewardId);
                break;
            case Rewards.CancelRewardRedemption c:
                w.Kind("cancel_reward_redemption").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.Code);
                break;
            default:
                throw new ArgumentException($"{command.GetType().Name} has no canonical fingerprint; add its fields here.", nameof(command));
        }
        return w.Digest();
    }

    private static string Canonical(Profiles.IProfileCommand command)
    {
        var w = new CanonicalWriter();
        switch (command)
        {
            case Profiles.UpdateProfile c:
                // null (keep) and "" (clear) are different requests.
                w.Kind("update_profile").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.Name).Text(c.Email).Text(c.Phone)
                    .Text(c.BirthDate).Text(c.PreferredLanguage).Text(c.TimeZone);
                break;
            case Profiles.SetConsent c:
                w.Kind("set_consent").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Number((long)c.Channel)
                    .Number(c.Granted ? 1 : 0).Number((long)c.Source).Time(c.OccurredAt);
                break;
            case Profiles.EraseProfile c:
                w.Kind("erase_profile").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.Actor);
                break;
            default:
                throw new ArgumentException($"{command.GetType().Name} has no canonical fingerprint; add its fields here.", nameof(command));
        }
        return w.Digest();
    }

    private static string Canonical(CustomerFeedback.SubmitFeedback c)
    {
        // The channel by its stored number, so renaming the C# member changes nothing.
        var w = new CanonicalWriter();
        w.Kind("submit_feedback").Text(c.RequestId).Text(c.ProgramId).Text(c.MemberId).Text(c.TransactionId).Text(c.MerchantId)
            .Text(c.StoreId).Text(c.TerminalId).Number((long?)c.Nps).Number((long?)c.Csat).Text(c.Comment).Number((long)c.Channel);
        return w.Digest();
    }

    private static string Canonical(IProgramCommand command)
    {
        var w = new CanonicalWriter();
        switch (command)
        {
            case CreateProgram c:
                w.Kind("create_program").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Text(c.Name).Text(c.Currency)
                    .Number(c.PointsPerCurrencyUnit).Duration(c.HoldTtl).Flag(c.AllowNegativeBalance).Duration(c.OfflineWindow)
                    .Text(c.TimeZone).Duration(c.ReturnHorizon).Number(c.MaxTransferPointsPerDay);
                break;
            case SetEarningRules c:
                w.Kind("set_earning_rules").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor)
                    .Map(c.Rules.CategoryMultiplierPercents).Map(c.Rules.SkuMultiplierPercents).Texts(c.Rules.ExcludedCategories)
                    .Count(c.Rules.LocationRates.Count);
                foreach (var rate in c.Rules.LocationRates)
                {
                    w.Text(rate.MerchantId).Text(rate.StoreId).Number(rate.PointsPerCurrencyUnit);
                }
                w.Number(c.Rules.MinQualifyingSpendMinor).Duration(c.Rules.PendingPeriod).Text(c.Rules.CouponReturn.ToString());
                // Added later: only when set, so rules without them keep the digest they always had.
                if (c.Rules.ExcludedSkus.Count > 0 || c.Rules.ExcludedLabels.Count > 0 || c.Rules.LabelMultiplierPercents.Count > 0
                    || c.Rules.EarnOnly is not null)
                {
                    w.Text("item_rules").Texts(c.Rules.ExcludedSkus).Texts(c.Rules.ExcludedLabels).Map(c.Rules.LabelMultiplierPercents)
                        .Flag(c.Rules.EarnOnly is not null);
                    if (c.Rules.EarnOnly is { } only)
                    {
                        w.Scope(only);
                    }
                }
                break;
            case SetExpiryPolicy c:
                w.Kind("set_expiry_policy").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor)
                    .Text(c.Policy.Kind.ToString()).Number(c.Policy.Months);
                // Added later: only when set, so a policy without them keeps the digest it always had.
                if (c.Policy.Days != 0 || c.Policy.PeriodEnd != ExpiryPeriodEnd.None || c.Policy.AtEndOfDay)
                {
                    w.Text("options").Number(c.Policy.Days).Text(Stable(c.Policy.PeriodEnd)).Flag(c.Policy.AtEndOfDay);
                }
                break;
            case SetTierPolicy c:
                w.Kind("set_tier_policy").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Text(c.Policy.Metric.ToString())
                    .Number(c.Policy.WindowMonths).Number(c.Policy.ReviewMonths).Number(c.Policy.GraceDays);
                // Added later: only when not the default, so a policy without it keeps the digest it always had.
                if (c.Policy.DowngradeMode != TierDowngradeMode.AtReview)
                {
                    w.Text("downgrade").Text(c.Policy.DowngradeMode == TierDowngradeMode.Never ? "never" : "immediate");
                }
                break;
            case UpsertTier c:
                w.Kind("upsert_tier").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Text(c.Tier.TierId).Text(c.Tier.Name)
                    .Number(c.Tier.Threshold).Number(c.Tier.EarnMultiplierPercent).Texts(c.Tier.Benefits);
                break;
            case CreatePromotion c:
                w.Kind("create_promotion").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Text(c.PromotionId).Text(c.Name)
                    .Rule(c.Rule).Time(c.StartsAt).Time(c.EndsAt).Target(c.Target).Number(c.UsageLimitPerMember)
                    .Text(c.EarlyAccess?.MinTierId).Time(c.EarlyAccess?.StartsAt).Texts(c.DaysOfWeek.Select(d => d.ToString()).ToArray());
                // Added later: only when set, so a promotion without them keeps the digest it always had.
                if (c.Locations.Count > 0 || c.MinBasketMinor != 0)
                {
                    w.Text("where").Count(c.Locations.Count);
                    foreach (var location in c.Locations)
                    {
                        w.Text(location.MerchantId).Text(location.StoreId);
                    }
                    w.Number(c.MinBasketMinor);
                }
                if (c.SegmentIds.Count > 0)
                {
                    w.Text("segments").Texts(c.SegmentIds);
                }
                break;
            case EndPromotion c:
                w.Kind("end_promotion").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Text(c.PromotionId);
                break;
            case IssueCoupons c:
                w.Kind("issue_coupons").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Text(c.PromotionId).Number(c.Count)
                    .Text(c.MemberId).Number(c.MaxUsesPerCode).Time(c.ValidFrom).Time(c.ValidUntil);
                break;
            case ReinstateProgramPoints c:
                w.Kind("reinstate_program_points").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Time(c.ExpiredFrom)
                    .Time(c.ExpiredUntil).Text(c.Reason);
                break;
            case PublishBenefit c:
                w.Kind("publish_benefit").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Text(c.BenefitId).Text(c.Name)
                    .Text(c.Kind.ToString()).Number(c.PercentOff).Number(c.AmountOffMinor).Text(c.Service.ToString())
                    .Number(c.BonusPoints).Target(c.Target).Time(c.ValidFrom).Time(c.ValidUntil).Texts(c.MerchantIds);
                // Added later: only when set, so a benefit without them keeps the digest it always had.
                if (c.SegmentIds.Count > 0)
                {
                    w.Text("segments").Texts(c.SegmentIds);
                }
                break;
            case RetireBenefit c:
                w.Kind("retire_benefit").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Text(c.BenefitId);
                break;
            case ConfigureCoalition c:
                w.Kind("configure_coalition").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Text(c.OperatorName)
                    .Number(c.LiabilityValueMinorPerThousandPoints);
                break;
            case JoinPartner c:
                w.Kind("join_partner").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Terms(c.Terms).Time(c.EffectiveFrom);
                break;
            case UpdatePartnerTerms c:
                w.Kind("update_partner_terms").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Terms(c.Terms).Time(c.EffectiveFrom);
                break;
            case RemovePartner c:
                w.Kind("remove_partner").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Text(c.MerchantId).Time(c.EffectiveFrom);
                break;
            case SetReferralRules c:
                w.Kind("set_referral_rules").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Number(c.Rules.ReferrerPoints)
                    .Number(c.Rules.RefereePoints).Number(c.Rules.MinPurchaseMinor).Number(c.Rules.MaxPerPeriod).Number(c.Rules.PeriodDays)
                    .Number(c.Rules.CodeValidDays);
                break;
            case SetMessagingPolicy c:
                w.Kind("set_messaging_policy").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Number(c.Policy.QuietHoursStartMinute)
                    .Number(c.Policy.QuietHoursEndMinute).Number(c.Policy.MaxPerDay).Number(c.Policy.MaxPerWeek)
                    .Number(c.Policy.RewardThresholdPoints).Number(c.Policy.ExpiryWarningDays);
                // Added later: only when set, so a policy without it keeps the digest it always had.
                if (c.Policy.TierWarningDays != 0)
                {
                    w.Text("tier_warning_days").Number(c.Policy.TierWarningDays);
                }
                break;
            case SetEngagementBonuses c:
                w.Kind("set_engagement_bonuses").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Number(c.Bonuses.EnrolmentPoints)
                    .Number(c.Bonuses.ConsentPoints);
                break;
            case UpsertEventRule c:
                w.Kind("upsert_event_rule").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Text(c.Rule.EventType).Text(c.Rule.Name)
                    .Number(c.Rule.Points).Text(Stable(c.Rule.Period)).Number(c.Rule.Cap).Time(c.Rule.StartsAt).Time(c.Rule.EndsAt)
                    .Texts(c.Rule.TierIds).Time(c.Rule.EndedAt);
                // Added later: only when set, so a rule without them keeps the digest it always had.
                if (c.Rule.SegmentIds.Count > 0)
                {
                    w.Text("segments").Texts(c.Rule.SegmentIds);
                }
                break;
            case EndEventRule c:
                w.Kind("end_event_rule").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Text(c.EventType);
                break;
            case SetBirthdayBonus c:
                w.Kind("set_birthday_bonus").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Number(c.Bonus.Points)
                    .Text(c.Bonus.When.ToString());
                break;
            case DefineSegment c:
                var sc = c.Conditions;
                w.Kind("define_segment").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Text(c.SegmentId).Text(c.Name)
                    .Texts(sc.TierIds).Number(sc.MinPoints).Number(sc.MaxPoints).Number(sc.WindowDays)
                    .Number(sc.MinPurchases).Number(sc.MaxPurchases).Number(sc.MinSpendMinor).Number(sc.MaxSpendMinor)
                    .Number(sc.MinDaysSinceLastPurchase).Number(sc.MaxDaysSinceLastPurchase).Time(sc.EnrolledFrom).Time(sc.EnrolledBefore)
                    .Texts(sc.BirthdayMonths.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
                // Added later: each only when set, so a definition without them keeps the digest it always had.
                if (sc.ConsentedChannels.Count > 0)
                {
                    w.Text("consented").Texts(sc.ConsentedChannels.Select(ch => ch.ToString()).ToArray());
                }
                if (sc.ReadsMerchants)
                {
                    w.Text("merchants").Texts(sc.VisitedMerchantIds).Number(sc.MinMerchantsVisited);
                }
                if (sc.NpsCategories.Count > 0)
                {
                    w.Text("nps").Texts(sc.NpsCategories.Select(n => n.ToString()).ToArray());
                }
                if (sc.Rfm is { } rfm)
                {
                    w.Text("rfm").Texts(rfm.RecencyDays.Select(e => e.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray())
                        .Texts(rfm.FrequencyPurchases.Select(e => e.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray())
                        .Texts(rfm.MonetaryMinor.Select(e => e.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray())
                        .Number(rfm.MinRecency).Number(rfm.MaxRecency).Number(rfm.MinFrequency).Number(rfm.MaxFrequency)
                        .Number(rfm.MinMonetary).Number(rfm.MaxMonetary);
                }
                break;
            case SetFeedbackReward c:
                w.Kind("set_feedback_reward").Text(c.RequestId).Text(c.ProgramId).Text(c.Actor).Number(c.Reward.Points)
                    .Number(c.Reward.MaxPerPeriod).Duration(c.Reward.Period);
                break;
            default:
                throw new ArgumentException($"{command.GetType().Name} has no canonical fingerprint; add its fields here.", nameof(command));
        }
        return w.Digest();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>A cap period's fixed name, so renaming the C# enum member changes no fingerprint.</summary>
    private static string Stable(EventCapPeriod period) => period switch
    {
        EventCapPeriod.Once => "once",
        EventCapPeriod.Day => "day",
        EventCapPeriod.Week => "week",
        EventCapPeriod.Month => "month",
        _ => ((int)period).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A period end's fixed name, so renaming the C# enum member changes no fingerprint.</summary>
    private static string Stable(ExpiryPeriodEnd periodEnd) => periodEnd switch
    {
        ExpiryPeriodEnd.None => "none",
        ExpiryPeriodEnd.Month => "month",
        ExpiryPeriodEnd.Quarter => "quarter",
        ExpiryPeriodEnd.Year => "year",
        _ => ((int)periodEnd).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A reason's fixed name, so renaming the C# enum member changes no fingerprint.</summary>
    private static string? Stable(AdjustmentReason? reason) => reason switch
    {
        null => null,
        AdjustmentReason.Goodwill => "goodwill",
        AdjustmentReason.Correction => "correction",
        AdjustmentReason.Migration => "migration",
        AdjustmentReason.Other => "other",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };

    /// <summary>
    /// An unambiguous byte string of typed values: a tag byte, then a length-prefixed value, so no two different
    /// field lists encode alike ("ab","c" is not "a","bc"; null is not "").
    /// </summary>
    /// <summary>
    /// Writes the tagged fields into one buffer and hashes it once at the end: the same digest as hashing field by
    /// field, without a copy of each string and a call into the hash per field (a fingerprint per checkout).
    /// </summary>
    private sealed class CanonicalWriter
    {
        private byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1024);
        private int length;

        public CanonicalWriter Kind(string kind) => TaggedText(1, "loyaltygrid.fingerprint.v2/" + kind);

        public CanonicalWriter Text(string? value) => value is null ? Tagged(0, []) : TaggedText(2, value);

        public CanonicalWriter Number(long value)
        {
            Span<byte> bytes = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, value);
            return Tagged(3, bytes);
        }

        /// <summary>An instant (the offset it was written with does not matter), or null.</summary>
        public CanonicalWriter Time(DateTimeOffset? value) => value is { } at ? Number(at.UtcTicks) : Tagged(0, []);

        public CanonicalWriter Count(int count) => Number(count);

        public CanonicalWriter Number(long? value) => value is { } n ? Number(n) : Tagged(0, []);

        public CanonicalWriter Duration(TimeSpan? value) => value is { } d ? Number(d.Ticks) : Tagged(0, []);

        public CanonicalWriter Flag(bool? value) => value is { } b ? Number(b ? 1 : 0) : Tagged(0, []);

        /// <summary>A dictionary in ordinal key order, so the order it was built in does not matter.</summary>
        public CanonicalWriter Map(IReadOnlyDictionary<string, long> values)
        {
            Count(values.Count);
            foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Text(key).Number(value);
            }
            return this;
        }

        /// <summary>Labels only when there are some, so a scope without them keeps the digest it always had.</summary>
        public CanonicalWriter Scope(ItemScope scope) =>
            scope.Labels.Count == 0 ? Texts(scope.Categories).Texts(scope.Skus) : Texts(scope.Categories).Texts(scope.Skus).Text("labels").Texts(scope.Labels);

        public CanonicalWriter Target(PromotionTarget target) =>
            Text(target.Kind.ToString()).Texts(target.TierIds).Number(target.LapsedDays);

        /// <summary>The referral fee only when there is one, so terms without it keep the digest they always had.</summary>
        public CanonicalWriter Terms(PartnerTerms terms)
        {
            Text(terms.MerchantId).Number(terms.EarnRatePointsPerCurrencyUnit).Number(terms.IssuePriceMinorPerThousandPoints)
                .Number(terms.RedemptionReimbursementMinorPerThousandPoints);
            return terms.ReferralFeeMinor == 0 ? this : Text("referral_fee").Number(terms.ReferralFeeMinor);
        }

        public CanonicalWriter Rule(PromotionRule? rule) => rule switch
        {
            null => Tagged(0, []),
            // Compounding came later: only when chosen, so an adding multiplier keeps the digest it always had.
            BonusMultiplierRule { Stacking: MultiplierStacking.Compound } r => Text("multiplier").Number(r.MultiplierPercent).Scope(r.Scope).Text("compound"),
            BonusMultiplierRule r => Text("multiplier").Number(r.MultiplierPercent).Scope(r.Scope),
            SpendThresholdRule r => Text("spend_threshold").Number(r.MinSpendMinor).Number(r.BonusPoints),
            FirstPurchaseRule r => Text("first_purchase").Number(r.BonusPoints),
            PunchCardRule r => Text("punch_card").Number(r.Required).Scope(r.Scope),
            BuyOneGetOneRule r => Text("bogo").Number(r.PercentOff).Scope(r.Scope),
            CouponRule r => Text("coupon").Number(r.DiscountMinor).Number(r.DiscountPercent).Number(r.BonusPoints),
            RepeatPurchaseRule r => Text("repeat_purchase").Number(r.Purchases).Number(r.WindowDays).Number(r.BonusPoints),
            CumulativeSpendRule r => Text("cumulative_spend").Number(r.ThresholdMinor).Number(r.BonusPoints),
            BounceBackRule r => Text("bounce_back").Number(r.MinSpendMinor).Number(r.DiscountPercent).Number(r.DiscountMinor).Number(r.ValidDays),
            FixedBonusRule r => Text("fixed_bonus").Number(r.PointsPerUnit).Number(r.PointsPerLine).Scope(r.Scope),
            _ => throw new ArgumentException($"{rule.GetType().Name} has no canonical fingerprint; add its fields here.", nameof(rule)),
        };

        public CanonicalWriter Texts(IReadOnlyList<string> values)
        {
            Count(values.Count);
            foreach (var value in values)
            {
                Text(value);
            }
            return this;
        }

        public string Digest()
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer.AsSpan(0, length), hash);
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
            return Convert.ToBase64String(hash[..16]);
        }

        private CanonicalWriter Tagged(byte tag, ReadOnlySpan<byte> value)
        {
            Header(tag, value.Length);
            value.CopyTo(buffer.AsSpan(length));
            length += value.Length;
            return this;
        }

        private CanonicalWriter TaggedText(byte tag, string value)
        {
            var count = System.Text.Encoding.UTF8.GetByteCount(value);
            Header(tag, count);
            length += System.Text.Encoding.UTF8.GetBytes(value, buffer.AsSpan(length));
            return this;
        }

        /// <summary>The field's tag and length, with room made for the field itself.</summary>
        private void Header(byte tag, int valueLength)
        {
            if (length + 5 + valueLength > buffer.Length)
            {
                var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + 5 + valueLength));
                buffer.AsSpan(0, length).CopyTo(larger);
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            buffer[length] = tag;
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length + 1, 4), valueLength);
            length += 5;
        }
    }
}
