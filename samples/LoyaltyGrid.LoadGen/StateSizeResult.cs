namespace LoyaltyGrid.LoadGen;

/// <summary>What <see cref="StateSizeRun"/> measured, for the summary and the JSON file.</summary>
internal sealed record StateSizeResult
{
    public required string Url { get; init; }
    public required string ProgramId { get; init; }
    public required int Members { get; init; }
    public required int PurchasesPerMember { get; init; }

    /// <summary>Live heap of the fresh silo, after a forced full compacting collection.</summary>
    public required long EmptyHeapBytes { get; init; }

    /// <summary>Live heap once every member has made its purchases, measured the same way.</summary>
    public required long LoadedHeapBytes { get; init; }

    /// <summary>Live heap once the first half of the members have made their purchases.</summary>
    public required long HalfwayHeapBytes { get; init; }

    public required long ActiveMembersLoaded { get; init; }

    /// <summary>(loaded − empty) / members.</summary>
    public required double BytesPerMember { get; init; }

    /// <summary>(loaded − halfway) / the second half's members: growth per member without one-off warm-up costs.</summary>
    public required double MarginalBytesPerMember { get; init; }

    /// <summary>Purchases made by the long-lived member.</summary>
    public required int History { get; init; }

    public required double FirstPurchasesMedianMs { get; init; }
    public required double LastPurchasesMedianMs { get; init; }

    /// <summary>Last purchases' median latency ÷ first purchases' median latency.</summary>
    public required double PurchaseLatencyRatio { get; init; }

    public required long SnapshotBytes { get; init; }
    public required long SnapshotSequence { get; init; }
    public required long LastSequence { get; init; }

    /// <summary>Each GetMember right after a DeactivateMember, in order.</summary>
    public required double[] ReactivatedCallsMs { get; init; }

    /// <summary>Median GetMember to the active member.</summary>
    public required double WarmCallMs { get; init; }

    /// <summary>Median of <see cref="ReactivatedCallsMs"/> − <see cref="WarmCallMs"/>.</summary>
    public required double ReactivationMs { get; init; }
}
