namespace LoyaltyGrid.Domain.Security;

/// <summary>
/// Which key may call which method, in one table. A method not in the table is refused to everyone, so a new method
/// is closed until someone decides who may call it. Admins and program admins cannot record checkouts or spend a
/// member's points; merchants and terminals act only for their own merchant (and terminals their own store).
/// </summary>
public static class AccessPolicy
{
    private static readonly ApiRole[] Everyone = [ApiRole.Admin, ApiRole.ProgramAdmin, ApiRole.MerchantAdmin, ApiRole.Terminal];
    private static readonly ApiRole[] Administrators = [ApiRole.Admin, ApiRole.ProgramAdmin];
    private static readonly ApiRole[] ProgramStaff = [ApiRole.Admin, ApiRole.ProgramAdmin, ApiRole.MerchantAdmin, ApiRole.Terminal];
    private static readonly ApiRole[] Tills = [ApiRole.MerchantAdmin, ApiRole.Terminal];
    private static readonly ApiRole[] KeyIssuers = [ApiRole.Admin, ApiRole.ProgramAdmin, ApiRole.MerchantAdmin];

    /// <summary>
    /// Personal data (a member's profile and consents): the program's admins, and its tills, where the customer gives
    /// them. Not merchant admins: a merchant's back office has no need of a member's contact details.
    /// </summary>
    private static readonly ApiRole[] PersonalData = [ApiRole.Admin, ApiRole.ProgramAdmin, ApiRole.Terminal];

    /// <summary>Keyed by "Service/Method", e.g. "Checkout/RecordPurchase".</summary>
    public static readonly IReadOnlyDictionary<string, AccessRule> Rules = new Dictionary<string, AccessRule>(StringComparer.Ordinal)
    {
        ["Programs/CreateProgram"] = new([ApiRole.Admin], ScopeCheck.None),
        ["Programs/GetProgram"] = new(ProgramStaff, ScopeCheck.Program),
        ["Programs/ListAuditEntries"] = new(Administrators, ScopeCheck.Program),
        ["Programs/ListTiers"] = new(ProgramStaff, ScopeCheck.Program),
        ["Programs/ListPromotions"] = new(ProgramStaff, ScopeCheck.Program),
        ["Programs/SetEarningRules"] = new(Administrators, ScopeCheck.Program),
        ["Programs/SetExpiryPolicy"] = new(Administrators, ScopeCheck.Program),
        ["Programs/SetTierPolicy"] = new(Administrators, ScopeCheck.Program),
        ["Programs/UpsertTier"] = new(Administrators, ScopeCheck.Program),
        ["Programs/CreatePromotion"] = new(Administrators, ScopeCheck.Program),
        ["Programs/EndPromotion"] = new(Administrators, ScopeCheck.Program),
        ["Programs/IssueCoupons"] = new(Administrators, ScopeCheck.Program),
        ["Programs/ReinstateExpiredPoints"] = new(Administrators, ScopeCheck.Program),
        ["Coalitions/ConfigureCoalition"] = new(Administrators, ScopeCheck.Program),
        ["Coalitions/JoinPartner"] = new(Administrators, ScopeCheck.Program),
        ["Coalitions/UpdatePartnerTerms"] = new(Administrators, ScopeCheck.Program),
        ["Coalitions/RemovePartner"] = new(Administrators, ScopeCheck.Program),
        ["Coalitions/GetCoalition"] = new(ProgramStaff, ScopeCheck.Program),
        // A merchant admin gets only its own partner line: CoalitionsService filters by the key's merchant.
        ["Coalitions/GetSettlement"] = new([ApiRole.Admin, ApiRole.ProgramAdmin, ApiRole.MerchantAdmin], ScopeCheck.Program),
        ["Coalitions/ExportSettlement"] = new([ApiRole.Admin, ApiRole.ProgramAdmin, ApiRole.MerchantAdmin], ScopeCheck.Program),
        ["Members/EnrollMember"] = new(ProgramStaff, ScopeCheck.Merchant),
        ["Members/GetMember"] = new(ProgramStaff, ScopeCheck.Program),
        ["Members/LookupMember"] = new(ProgramStaff, ScopeCheck.Program),
        ["Members/ListLedgerEntries"] = new(ProgramStaff, ScopeCheck.Program),
        ["Members/UpdateProfile"] = new(PersonalData, ScopeCheck.Program),
        ["Members/SetConsent"] = new(PersonalData, ScopeCheck.Program),
        ["Members/GetProfile"] = new(PersonalData, ScopeCheck.Program),
        // A privacy request is the program's to carry out, not a till's.
        ["Members/EraseProfile"] = new(Administrators, ScopeCheck.Program),
        ["Programs/SetBirthdayBonus"] = new(Administrators, ScopeCheck.Program),
        ["Programs/UpsertEventRule"] = new(Administrators, ScopeCheck.Program),
        ["Programs/EndEventRule"] = new(Administrators, ScopeCheck.Program),
        ["Programs/SetEngagementBonuses"] = new(Administrators, ScopeCheck.Program),
        ["Programs/ListEventRules"] = new(ProgramStaff, ScopeCheck.Program),
        // A member's event is reported by the program's back office (admins) or at a till where it happens (a store
        // check-in): a terminal key of the program. Not a merchant admin's: its back office has no member to act for.
        ["Members/RecordEvent"] = new([ApiRole.Admin, ApiRole.ProgramAdmin, ApiRole.Terminal], ScopeCheck.Program),
        ["Programs/SetFeedbackReward"] = new(Administrators, ScopeCheck.Program),
        // Feedback is taken at the store's till (its own store only) or keyed in by the program's admins (email, web
        // answers). A merchant admin reads its own merchant's feedback only (FeedbackService filters by the key's
        // merchant); terminals read none: comments are for the back office's follow-up.
        ["Feedback/SubmitFeedback"] = new([ApiRole.Admin, ApiRole.ProgramAdmin, ApiRole.Terminal], ScopeCheck.Merchant),
        ["Feedback/GetFeedbackSummary"] = new([ApiRole.Admin, ApiRole.ProgramAdmin, ApiRole.MerchantAdmin], ScopeCheck.Merchant),
        ["Feedback/ListFeedback"] = new([ApiRole.Admin, ApiRole.ProgramAdmin, ApiRole.MerchantAdmin], ScopeCheck.Merchant),
        // Client streaming: AccessInterceptor checks the role before the first message and the program of every message.
        ["Members/ImportMembers"] = new(Administrators, ScopeCheck.Program),
        // Manual changes of a member's points: admins only, each bounded by the key's max_adjustment_points.
        ["Members/AdjustPoints"] = new(Administrators, ScopeCheck.Program),
        ["Members/CancelEarning"] = new(Administrators, ScopeCheck.Program),
        ["Members/AssignTier"] = new(Administrators, ScopeCheck.Program),
        ["Referrals/SetReferralRules"] = new(Administrators, ScopeCheck.Program),
        // Member messages are the program's to send: its sender runs with a program admin key (or the platform's).
        // Neither merchants nor tills see them: the stream names every member the program writes to.
        ["Messages/SetMessagingPolicy"] = new(Administrators, ScopeCheck.Program),
        ["Messages/WatchMessages"] = new(Administrators, ScopeCheck.Program),
        ["Messages/GetMessagingStats"] = new(Administrators, ScopeCheck.Program),
        // A member's code is shown at the till and in the app; the list is the program's (and the member's) to read.
        ["Referrals/GetReferralCode"] = new(ProgramStaff, ScopeCheck.Program),
        ["Referrals/ListReferrals"] = new(ProgramStaff, ScopeCheck.Program),
        // A partner's own code, for its back office to hand out; the program's admins may get any partner's.
        ["Referrals/GetPartnerReferralCode"] = new([ApiRole.Admin, ApiRole.ProgramAdmin, ApiRole.MerchantAdmin], ScopeCheck.Merchant),
        // Segments are defined and exported by the program's back office; a member's own segments may be shown at the till.
        ["Segments/DefineSegment"] = new(Administrators, ScopeCheck.Program),
        ["Segments/ListSegments"] = new(Administrators, ScopeCheck.Program),
        ["Segments/ListSegmentMembers"] = new(Administrators, ScopeCheck.Program),
        ["Segments/GetMemberSegments"] = new(ProgramStaff, ScopeCheck.Program),
        // Every member's referrals: the program's to see, not a till's.
        ["Referrals/ListProgramReferrals"] = new(Administrators, ScopeCheck.Program),
        // A member's gift to another member, asked for through any of the program's channels (app backend, desk, till).
        ["Members/TransferPoints"] = new(ProgramStaff, ScopeCheck.Program),
        ["Checkout/RecordPurchase"] = new(Tills, ScopeCheck.Merchant),
        ["Checkout/PreviewPurchase"] = new(Tills, ScopeCheck.Merchant),
        ["Checkout/AuthorizeRedemption"] = new(Tills, ScopeCheck.Merchant),
        ["Checkout/CaptureRedemption"] = new(Tills, ScopeCheck.Merchant),
        ["Checkout/VoidRedemption"] = new(Tills, ScopeCheck.Merchant),
        ["Checkout/RecordReturn"] = new(Tills, ScopeCheck.Merchant),
        // A migration, not a checkout: client streaming, checked like ImportMembers.
        ["Checkout/ImportPurchaseHistory"] = new(Administrators, ScopeCheck.Program),
        ["Diagnostics/Ping"] = new(Everyone, ScopeCheck.None),
        ["Diagnostics/GetJournalStats"] = new([ApiRole.Admin], ScopeCheck.None),
        // Benchmark and operator helpers: a forced full collection pauses the silo, and deactivation reaches any member.
        ["Diagnostics/GetMemoryStats"] = new([ApiRole.Admin], ScopeCheck.None),
        ["Diagnostics/GetMemberStorage"] = new([ApiRole.Admin], ScopeCheck.None),
        ["Diagnostics/DeactivateMember"] = new([ApiRole.Admin], ScopeCheck.None),
        ["Access/IssueApiKey"] = new(KeyIssuers, ScopeCheck.Program),
        ["Access/RevokeApiKey"] = new(KeyIssuers, ScopeCheck.None),
        ["Access/ListApiKeys"] = new(KeyIssuers, ScopeCheck.None),
        ["Insights/FitLifetimeValueModel"] = new(Administrators, ScopeCheck.Program),
        ["Insights/GetMemberValue"] = new(Administrators, ScopeCheck.Program),
        ["Insights/GetProgramMetrics"] = new(Administrators, ScopeCheck.Program),
        ["Insights/GetRetentionCohorts"] = new(Administrators, ScopeCheck.Program),
        ["Insights/GetPointsLiability"] = new(Administrators, ScopeCheck.Program),
        ["Insights/ExportInsights"] = new(Administrators, ScopeCheck.Program),
        // The projection is the whole platform's: one program's admin may not rebuild every program's tables.
        ["Insights/GetProjectionStatus"] = new([ApiRole.Admin], ScopeCheck.None),
        ["Insights/RebuildProjection"] = new([ApiRole.Admin], ScopeCheck.None),
        ["Benefits/PublishBenefit"] = new(Administrators, ScopeCheck.Program),
        ["Benefits/RetireBenefit"] = new(Administrators, ScopeCheck.Program),
        // Merchant scope: a merchant's key may ask only for its own merchant's view (the service filters by it).
        ["Benefits/ListBenefits"] = new(ProgramStaff, ScopeCheck.Merchant),
        ["Benefits/WatchBenefits"] = new(ProgramStaff, ScopeCheck.Merchant),
        // The catalogue is the program's to define; members browse, redeem and cancel through any of the program's
        // channels (app backend, desk, till), like a transfer.
        ["Rewards/CreateReward"] = new(Administrators, ScopeCheck.Program),
        ["Rewards/UpdateReward"] = new(Administrators, ScopeCheck.Program),
        ["Rewards/ListRewards"] = new(ProgramStaff, ScopeCheck.Program),
        ["Rewards/RedeemReward"] = new(ProgramStaff, ScopeCheck.Program),
        ["Rewards/CancelRewardRedemption"] = new(ProgramStaff, ScopeCheck.Program),
        // Offers are the program's to define and to measure; a member's offers are read and answered through any of the
        // program's channels (app backend, desk, till), like a reward's redemption.
        ["Offers/CreateOffer"] = new(Administrators, ScopeCheck.Program),
        ["Offers/GetOfferStats"] = new(Administrators, ScopeCheck.Program),
        ["Offers/ListOffers"] = new(Administrators, ScopeCheck.Program),
        ["Offers/GetMemberOffers"] = new(ProgramStaff, ScopeCheck.Program),
        ["Offers/RespondToOffer"] = new(ProgramStaff, ScopeCheck.Program),
    };

    /// <summary>Why <paramref name="key"/> may not call <paramref name="method"/> for <paramref name="scope"/>, or null if it may.</summary>
    public static LoyaltyError? Check(ApiKey key, string method, RequestScope scope)
    {
        if (!Rules.TryGetValue(method, out var rule) || !rule.Roles.Contains(key.Role))
        {
            return Denied("ROLE_NOT_ALLOWED", $"a {Describe(key.Role)} key may not call {method}");
        }
        if (rule.Scope == ScopeCheck.None || key.Role == ApiRole.Admin)
        {
            return null;
        }
        // An id the request leaves out is not compared here: the request's own validation names the missing field.
        if (scope.ProgramId is { } program && key.ProgramId != program)
        {
            return Denied("OUTSIDE_KEY_SCOPE", $"this key is for program '{key.ProgramId}', the request is for program '{program}'");
        }
        if (rule.Scope == ScopeCheck.Merchant && key.MerchantId is { } merchant && scope.MerchantId is { } asked && merchant != asked)
        {
            return Denied("OUTSIDE_KEY_SCOPE", $"this key acts for merchant '{merchant}' only, the request names merchant '{asked}'");
        }
        if (rule.Scope == ScopeCheck.Merchant && key.StoreId is { } store && scope.StoreId is { } askedStore && store != askedStore)
        {
            return Denied("OUTSIDE_KEY_SCOPE", $"this key acts for store '{store}' only, the request names store '{askedStore}'");
        }
        return null;
    }

    public static string Describe(ApiRole role) => role switch
    {
        ApiRole.Admin => "platform admin",
        ApiRole.ProgramAdmin => "program admin",
        ApiRole.MerchantAdmin => "merchant admin",
        _ => "terminal",
    };

    private static LoyaltyError Denied(string reason, string message) => new(ErrorKind.PermissionDenied, reason, message);
}
