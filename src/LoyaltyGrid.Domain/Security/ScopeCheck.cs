namespace LoyaltyGrid.Domain.Security;

/// <summary>Which of the request's ids must fall inside the key's scope.</summary>
public enum ScopeCheck
{
    /// <summary>Any valid key (Ping).</summary>
    None,

    /// <summary>The request's program_id.</summary>
    Program,

    /// <summary>The request's program_id and merchant_id (store_id too, for a terminal).</summary>
    Merchant,
}
