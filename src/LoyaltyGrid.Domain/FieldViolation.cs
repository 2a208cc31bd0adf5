namespace LoyaltyGrid.Domain;

/// <summary>One bad field of a request, named as in the proto (e.g. <c>lines[2].quantity</c>).</summary>
public sealed record FieldViolation(string Field, string Description);
