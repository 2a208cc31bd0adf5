namespace LoyaltyGrid.Domain;

/// <summary>The class of a refused request; the API layer maps each to one gRPC status code.</summary>
public enum ErrorKind
{
    InvalidArgument,
    NotFound,
    FailedPrecondition,
    AlreadyExists,
    PermissionDenied,

    /// <summary>No valid credential: the caller is unknown.</summary>
    Unauthenticated,

    /// <summary>Could not be answered now, with nothing changed: the same request may be sent again.</summary>
    Unavailable,
}
