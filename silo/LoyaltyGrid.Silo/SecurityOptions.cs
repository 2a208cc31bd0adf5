namespace LoyaltyGrid.Silo;

/// <summary>The <c>LoyaltyGrid:Security</c> settings.</summary>
public sealed class SecurityOptions
{
    public const string Section = "LoyaltyGrid:Security";

    /// <summary>
    /// A platform admin key to start with (any text of 32 to 200 characters). Where none is set, the first silo to
    /// start generates one, stores its hash and prints it once.
    /// </summary>
    public string? BootstrapKey { get; set; }
}
