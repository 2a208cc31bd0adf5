namespace LoyaltyGrid.Domain.Programs;

/// <summary>The one event of a program's journal so far: its creation, with the request that created it.</summary>
public sealed record ProgramCreated(ProgramSettings Settings, string RequestId, string Fingerprint);
