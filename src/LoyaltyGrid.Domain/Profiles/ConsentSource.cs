namespace LoyaltyGrid.Domain.Profiles;

/// <summary>Where a consent was given or withdrawn, for the record a regulator may ask for.</summary>
public enum ConsentSource
{
    /// <summary>At a till (a terminal key).</summary>
    Pos = 1,
    Web = 2,
    App = 3,
    /// <summary>Brought over from another system.</summary>
    Import = 4,
    /// <summary>Recorded by the program's staff (customer service, back office).</summary>
    Support = 5,
}
