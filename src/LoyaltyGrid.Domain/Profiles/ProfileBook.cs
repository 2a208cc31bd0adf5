namespace LoyaltyGrid.Domain.Profiles;

/// <summary>
/// The rules of a member's profile: decides what a command does to a <see cref="ProfileState"/> without changing it.
/// Refusals are thrown before any event is made. Whether the member is enrolled is the caller's to check (it is
/// the points journal's fact), after a replay has been ruled out.
/// </summary>
public static class ProfileBook
{
    public static ProfileDecision Decide(ProfileState state, IProfileCommand command, DateTimeOffset now)
    {
        command.Validate(now);
        var fingerprint = Fingerprint.Of(command);
        if (state.Remembered(command.RequestId, now) is { } done)
        {
            if (!Fingerprint.Matches(done.Fingerprint, command, fingerprint))
            {
                throw new LoyaltyException(LoyaltyError.AlreadyExists("REQUEST_ID_REUSED",
                    $"request_id '{command.RequestId}' was already used for a different profile change of this member; " +
                    "use a new request_id for a new request, or resend the original request unchanged"));
            }
            return new ProfileDecision(null, done.Sequence);
        }
        ProfileEvent e = command switch
        {
            UpdateProfile update => new ProfileUpdated(update.ApplyTo(state.Contact)) { RecordedAt = now },
            SetConsent consent => new ConsentChanged(new Consent(consent.Channel, consent.Granted, consent.OccurredAt ?? now, consent.Source))
            {
                RecordedAt = now,
            },
            EraseProfile erase => new ProfileErased(erase.Actor) { RecordedAt = now },
            _ => throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command)),
        };
        return new ProfileDecision(e with { RequestId = command.RequestId, Fingerprint = fingerprint }, null);
    }
}
