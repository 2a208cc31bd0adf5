namespace LoyaltyGrid.Domain.Security;

/// <summary>Who may call one method: the roles, and how far into the request's program, merchant and store the key's scope must reach.</summary>
public sealed record AccessRule(IReadOnlyList<ApiRole> Roles, ScopeCheck Scope);
