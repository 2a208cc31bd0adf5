namespace LoyaltyGrid.Domain.Security;

/// <summary>What an API key may do. Each role works only inside the scope its key names.</summary>
public enum ApiRole
{
    /// <summary>Runs the platform: creates programs and keys for any program. Cannot record checkouts or spend points.</summary>
    Admin,

    /// <summary>A program's (or association's) administrator: rules, promotions, keys of the program. Cannot spend points.</summary>
    ProgramAdmin,

    /// <summary>One merchant's back office: its terminals' keys, its own transactions; checkout at any of its stores.</summary>
    MerchantAdmin,

    /// <summary>A POS terminal: checkout and member lookup for its own merchant and store only.</summary>
    Terminal,
}
