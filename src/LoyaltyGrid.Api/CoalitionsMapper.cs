using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using Core = LoyaltyGrid.Domain.Coalitions;

namespace LoyaltyGrid.Api;

/// <summary>Coalition and settlement messages to and from the domain's records.</summary>
public static class CoalitionsMapper
{
    /// <summary>The terms a request names; a missing message is a field violation on <paramref name="field"/>.</summary>
    public static Core.PartnerTerms? ToDomain(this V1.PartnerTerms? terms, string field, RequestValidator v)
    {
        if (terms is null)
        {
            v.Add(field, "is required");
            return null;
        }
        return new Core.PartnerTerms(terms.MerchantId, terms.EarnRatePointsPerCurrencyUnit,
            terms.IssuePriceMinorPerThousandPoints, terms.RedemptionReimbursementMinorPerThousandPoints)
        {
            ReferralFeeMinor = terms.ReferralFeeMinor,
        };
    }

    public static V1.PartnerTerms ToProto(this Core.PartnerTerms terms) => new()
    {
        MerchantId = terms.MerchantId,
        EarnRatePointsPerCurrencyUnit = terms.EarnRatePointsPerCurrencyUnit,
        IssuePriceMinorPerThousandPoints = terms.IssuePriceMinorPerThousandPoints,
        RedemptionReimbursementMinorPerThousandPoints = terms.RedemptionReimbursementMinorPerThousandPoints,
        ReferralFeeMinor = terms.ReferralFeeMinor,
    };

    public static V1.Coalition ToProto(this Core.Coalition coalition, string programId, DateTimeOffset now) => new()
    {
        ProgramId = programId,
        OperatorName = coalition.OperatorName,
        Valuations =
        {
            coalition.Valuations.Select(v => new V1.LiabilityValuation
            {
                EffectiveFrom = Timestamp.FromDateTimeOffset(v.EffectiveFrom),
                MinorPerThousandPoints = v.MinorPerThousandPoints,
            }),
        },
        Partners = { coalition.Partners.Select(p => p.ToProto(now)) },
    };

    /// <summary>The partner as of <paramref name="now"/> (active, terms), with its whole history.</summary>
    public static V1.Partner ToProto(this Core.Partner partner, DateTimeOffset now)
    {
        var proto = new V1.Partner
        {
            MerchantId = partner.MerchantId,
            JoinedAt = Timestamp.FromDateTimeOffset(partner.JoinedAt()),
            LeftAt = partner.LeftAt() is { } left ? Timestamp.FromDateTimeOffset(left) : null,
        };
        if (partner.TermsAt(now) is { } terms)
        {
            proto.Active = true;
            proto.Terms = terms.ToProto();
        }
        Core.PartnerTerms? before = null;
        foreach (var change in partner.History)
        {
            // The domain keeps only the terms from each moment on; which kind of change that was follows from the entry before.
            proto.History.Add(new V1.PartnerChange
            {
                Kind = change.Terms is null ? PartnerChangeKind.Left
                    : before is null ? PartnerChangeKind.Joined
                    : PartnerChangeKind.TermsChanged,
                EffectiveFrom = Timestamp.FromDateTimeOffset(change.EffectiveFrom),
                Terms = change.Terms?.ToProto(),
            });
            before = change.Terms;
        }
        return proto;
    }

    public static V1.Settlement ToProto(this Core.SettlementReport report, bool closed) => new()
    {
        ProgramId = report.ProgramId,
        Currency = report.Currency,
        OperatorName = report.OperatorName,
        PeriodStart = Timestamp.FromDateTimeOffset(report.PeriodStart),
        PeriodEnd = Timestamp.FromDateTimeOffset(report.PeriodEnd),
        Closed = closed,
        Partners = { report.Partners.Select(l => l.ToProto()) },
        Operator = report.Operator.ToProto(),
        Totals = report.Totals.ToProto(),
        OutstandingPointsAtStart = report.OutstandingPointsAtStart,
        OutstandingPointsAtEnd = report.OutstandingPointsAtEnd,
        LiabilityMinorAtStart = report.LiabilityMinorAtStart,
        LiabilityMinorAtEnd = report.LiabilityMinorAtEnd,
    };

    /// <summary>The rewards catalogue's counts: the list, and each line's sums (the partner's rewards, the operator's own, all of them).</summary>
    public static void AddRewardRedemptions(this V1.Settlement settlement, IReadOnlyList<Domain.Rewards.RewardRedemptionUsage> rewards)
    {
        settlement.RewardRedemptions.AddRange(rewards.Select(r => new RewardRedemptionCount
        {
            PartnerId = r.PartnerId ?? "",
            RewardId = r.RewardId,
            Redemptions = r.Redemptions,
            Points = r.Points,
        }));
        void Sum(V1.SettlementLine? line, Core.SettlementParty party)
        {
            if (line is not null)
            {
                (line.RewardRedemptions, line.RewardPointsRedeemed) =
                    Domain.Rewards.RewardRedemptionUsage.ForLine(rewards, party, line.MerchantId);
            }
        }
        foreach (var partner in settlement.Partners)
        {
            Sum(partner, Core.SettlementParty.Partner);
        }
        Sum(settlement.Operator, Core.SettlementParty.Operator);
        Sum(settlement.Totals, Core.SettlementParty.Total);
    }

    public static V1.SettlementLine ToProto(this Core.SettlementLine line) => new()
    {
        Party = line.Party switch
        {
            Core.SettlementParty.Partner => V1.SettlementParty.Partner,
            Core.SettlementParty.Operator => V1.SettlementParty.Operator,
            _ => V1.SettlementParty.Total,
        },
        MerchantId = line.MerchantId ?? "",
        PointsIssued = line.PointsIssued,
        PointsReversed = line.PointsReversed,
        PointsWrittenOff = line.PointsWrittenOff,
        PointsRedeemed = line.PointsRedeemed,
        PointsExpired = line.PointsExpired,
        PointsReinstated = line.PointsReinstated,
        LiabilityChangePoints = line.LiabilityChangePoints,
        IssueChargeMinor = line.IssueChargeMinor,
        ReturnCreditMinor = line.ReturnCreditMinor,
        ReimbursementMinor = line.ReimbursementMinor,
        OwedMinor = line.OwedMinor,
        DueMinor = line.DueMinor,
        LiabilityChangeMinor = line.LiabilityChangeMinor,
        OperatorResultMinor = line.OperatorResultMinor,
        NetMinor = line.NetMinor,
        ReferralFeesEarnedMinor = line.ReferralFeesEarnedMinor,
        ReferralFeesOwedMinor = line.ReferralFeesOwedMinor,
        ReferralsEarned = line.ReferralsEarned,
        ReferralsOwed = line.ReferralsOwed,
    };
}
