namespace LoyaltyGrid.LoadGen.Scenarios;

/// <summary>
/// What one virtual terminal does, one RPC per step. An instance belongs to one terminal and may keep state
/// between steps (e.g. the purchases it could return later).
/// </summary>
internal abstract class TerminalScenario
{
    protected TerminalScenario(TerminalContext terminal) => Terminal = terminal;

    protected TerminalContext Terminal { get; }

    public static TerminalScenario Create(ScenarioKind kind, TerminalContext terminal) => kind switch
    {
        ScenarioKind.Ping => new PingScenario(terminal),
        ScenarioKind.Member => new MemberScenario(terminal),
        ScenarioKind.Purchase => new PurchaseScenario(terminal),
        ScenarioKind.Mixed => new MixedScenario(terminal),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown scenario"),
    };

    /// <summary>
    /// Issues exactly one RPC and says how it ended. Server refusals come back as outcomes, not exceptions;
    /// only cancellation of <paramref name="cancellationToken"/> escapes.
    /// </summary>
    public abstract Task<CallOutcome> StepAsync(CancellationToken cancellationToken);

    /// <summary>Called once after the run, uncounted, to leave nothing dangling on the server (e.g. an open hold).</summary>
    public virtual Task FinishAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
