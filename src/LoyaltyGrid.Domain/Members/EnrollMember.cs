namespace LoyaltyGrid.Domain.Members;

public sealed record EnrollMember(string RequestId, string ProgramId, string MemberId, string? CardAlias) : IMemberCommand
{
    /// <summary>Where the member joins (optional): credited in the insights staff view.</summary>
    public string? MerchantId { get; init; }

    public string? StoreId { get; init; }

    public string? TerminalId { get; init; }

    /// <summary>The referral code the member enrolled with (normalised), if any: part of the request.</summary>
    public string? ReferralCode { get; init; }

    /// <summary>Who owns <see cref="ReferralCode"/>, found by the host; not part of the request's fingerprint.</summary>
    public string? ReferrerMemberId { get; init; }

    /// <summary>The coalition partner that owns <see cref="ReferralCode"/>, found by the host (then no member referral is made); not part of the fingerprint.</summary>
    public string? ReferringPartnerId { get; init; }

    /// <summary>The referrer's answer (accepted or rejected), asked by the host before the enrolment is decided; not part of the fingerprint.</summary>
    public ReferralMade? Referral { get; init; }

    public void Validate()
    {
        var v = new RequestValidator()
            .RequestId("request_id", RequestId)
            .Id("program_id", ProgramId)
            .Id("member_id", MemberId)
            .Id("card_alias", CardAlias, required: false)
            .Id("merchant_id", MerchantId, required: false)
            .Id("store_id", StoreId, required: false)
            .Id("terminal_id", TerminalId, required: false);
        if (StoreId is not null && MerchantId is null)
        {
            v.Add("store_id", "needs merchant_id: a store is one of a merchant's");
        }
        if (TerminalId is not null && StoreId is null)
        {
            v.Add("terminal_id", "needs store_id: a terminal is one of a store's");
        }
        v.ThrowIfInvalid();
    }
}
