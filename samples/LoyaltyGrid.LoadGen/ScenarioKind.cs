namespace LoyaltyGrid.LoadGen;

/// <summary>What each virtual terminal does in its loop.</summary>
internal enum ScenarioKind
{
    /// <summary>Diagnostics.Ping: touches no grain, the ceiling for everything else.</summary>
    Ping,

    /// <summary>Members.GetMember: a grain call that writes nothing, the ceiling for grain work without storage.</summary>
    Member,

    /// <summary>Checkout.RecordPurchase only.</summary>
    Purchase,

    /// <summary>Mostly purchases, plus authorize+capture redemptions and partial returns.</summary>
    Mixed,

    /// <summary>
    /// Not a terminal loop: live heap per member of a loaded silo, and one long-lived member's snapshot size,
    /// reactivation time and purchase latency as its history grows (<see cref="StateSizeRun"/>).
    /// </summary>
    StateSize,

    /// <summary>
    /// Not a terminal loop: RebuildProjection, timed until the insights projection has caught up again, with the CPU
    /// per journal event (<see cref="RebuildRun"/>).
    /// </summary>
    Rebuild,
}
