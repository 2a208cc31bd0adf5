namespace LoyaltyGrid.Domain.Insights;

/// <summary>A model fitted by maximum likelihood, with the log-likelihood it reached on the data it was fitted to.</summary>
/// <param name="Model">The fitted parameters; estimates.</param>
/// <param name="LogLikelihood">The summed log-likelihood of the fitted customers at <paramref name="Model"/>.</param>
/// <param name="Customers">How many customers the fit used (Gamma-Gamma uses only those with repeat purchases).</param>
public sealed record ModelFit<TModel>(TModel Model, double LogLikelihood, int Customers);
