using LoyaltyGrid.Domain.Programs;

namespace LoyaltyGrid.Grains;

/// <summary>One loyalty program: its settings and rules, changed only by admin commands. Key: program_id.</summary>
[Alias("lg.IProgramGrain")]
public interface IProgramGrain : IGrainWithStringKey
{
    [Alias("Create")]
    Task<GrainReply<ProgramRules>> Create(CreateProgram command);

    /// <summary>The program's rules in force, or NOT_FOUND.</summary>
    [Alias("Get")]
    Task<GrainReply<ProgramRules>> Get();

    /// <summary>
    /// Applies an admin change (any <see cref="IProgramCommand"/> but <see cref="CreateProgram"/>), makes it durable and
    /// hands the new rules to every silo before answering, so the next checkout anywhere sees them.
    /// </summary>
    [Alias("Change")]
    Task<GrainReply<ProgramChange>> Change(IProgramCommand command);

    /// <summary>Every change made to the program, oldest first (its audit trail), or NOT_FOUND.</summary>
    [Alias("History")]
    Task<GrainReply<IReadOnlyList<ProgramEvent>>> History();

    /// <summary>
    /// The referral code of a partner of the coalition (claimed in its <see cref="IReferralCodeGrain"/>): the same on every
    /// call. NOT_FOUND (PARTNER_NOT_FOUND) for a merchant that is not a partner now.
    /// </summary>
    [Alias("GetPartnerReferralCode")]
    Task<GrainReply<string>> GetPartnerReferralCode(string merchantId);

    /// <summary>The batch a coupon code belongs to, or null if the program never issued it.</summary>
    [Alias("FindCoupon")]
    Task<CouponBatch?> FindCoupon(string code);
}
