namespace LoyaltyGrid.Domain.Insights;

/// <summary>The two lifetime-value models fitted to one calibration period, and how many members each used.</summary>
/// <param name="Members">Members born in the calibration (BG/NBD's customers).</param>
/// <param name="RepeatMembers">Members with a repeat purchase (Gamma-Gamma's customers).</param>
public sealed record LifetimeValueFit(ModelFit<BgNbdModel> BgNbd, ModelFit<GammaGammaModel> GammaGamma, int Members, int RepeatMembers);
