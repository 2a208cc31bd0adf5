namespace LoyaltyGrid.Storage.Messaging;

/// <summary>How many messages of a program and kind had an outcome (delivered, held, a drop reason): added to the stored count.</summary>
public sealed record MessageCountChange(string ProgramId, int Kind, int Outcome, long Count);
