namespace LoyaltyGrid.Domain.Tests.Properties;

public enum RulesOperationKind
{
    Purchase,
    Return,
    Authorize,
    Capture,
    Void,

    /// <summary>Time passes; then what fell due is applied, as the grain's timer does.</summary>
    Wait,

    /// <summary>Time passes with nothing running (the grain is deactivated): what falls due meanwhile is found by the next command.</summary>
    Sleep,

    /// <summary>An admin gives the member back all its expired points.</summary>
    ReinstateMember,

    /// <summary>An admin gives every member back the points expired so far.</summary>
    ReinstateProgram,

    /// <summary>A custom event (daily-capped, weekly-capped or once-only), now and then with a marketing consent.</summary>
    RecordEvent,
}
