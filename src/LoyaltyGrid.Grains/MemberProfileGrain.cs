using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Profiles;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoyaltyGrid.Grains;

/// <summary>
/// A member's profile stream: load, decide (<see cref="ProfileBook"/>), append, answer. No snapshot: profile changes
/// are rare, and the stream is replayed whole on activation. The member's points learn only the birthday's month and
/// day (<see cref="IMemberGrain.SetBirthday"/>), after the change is durable, and again on a retry, so a retry after a
/// lost answer also repairs a birthday that did not reach the member.
/// </summary>
public sealed class MemberProfileGrain(
    IJournal journal,
    IEventStore store,
    IOptions<StorageOptions> options,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<MemberProfileGrain> logger) : Grain, IMemberProfileGrain
{
    private JournaledStream<ProfileState, ProfileEvent> stream = null!;
    private bool enrolled;

    private ProfileState State => stream.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        stream = JournaledStream.Of<ProfileState, ProfileEvent>(
            ProfileKey.StreamOf(this.GetPrimaryKeyString()),
            new ProfileState { RequestRetention = options.Value.RequestRetention + Limits.MaxClockSkew },
            journal, store, ProfileEventCodec.Instance, DeactivateOnIdle, logger);
        await stream.LoadAsync(cancellationToken);
        // Only an enrolled member's profile is ever written.
        enrolled = State.Version > 0;
    }

    public Task<GrainReply<ProfileView>> Update(UpdateProfile command) => GrainReplies.Run(async () =>
    {
        var contact = (ProfileUpdated)await DecideAsync(command);
        await TellContactAsync();
        if (command.TouchesBirthDate)
        {
            // The birth date now, not the answer's: a retry of an older update must not bring back its date.
            var birth = State.Contact.BirthDate;
            (await Member().SetBirthday(birth?.Month ?? 0, birth?.Day ?? 0)).Unwrap();
        }
        return View(contact.Contact);
    });

    public Task<GrainReply<ProfileView>> Erase(EraseProfile command) => GrainReplies.Run(async () =>
    {
        await DecideAsync(command);
        var birth = State.Contact.BirthDate;
        (await Member().SetBirthday(birth?.Month ?? 0, birth?.Day ?? 0)).Unwrap();
        await TellContactAsync();
        await TellConsentsAsync();
        return View(State.Contact);
    });

    /// <summary>The contact now (not a retried answer's), as digests, for the member's referral rules; the member records a change only.</summary>
    private async Task TellContactAsync()
    {
        var programId = MemberKey.Parse(this.GetPrimaryKeyString()).ProgramId;
        (await Member().SetContactDigests(
            Domain.Members.ContactDigestsChanged.Of(programId, "email", State.Contact.Email),
            Domain.Members.ContactDigestsChanged.Of(programId, "phone", State.Contact.Phone is { } phone ? Domain.Profiles.ContactRules.NormalisePhone(phone) : null))).Unwrap();
    }

    /// <summary>The channels consented now (not a retried answer's), for the member's segments; the member records a change only.</summary>
    private async Task TellConsentsAsync()
    {
        var channels = 0;
        foreach (var consent in State.Consents.Values)
        {
            channels = Domain.Messaging.MessageChannels.With(channels, consent.Channel, consent.Granted);
        }
        (await Member().SetMarketingConsents(channels)).Unwrap();
    }

    /// <summary>
    /// Records the consent; a grant then tells the member's points (<see cref="IMemberGrain.ConsentGranted"/>), after it is
    /// durable and again on a retry, so a retry after a lost answer also gives a consent bonus that did not reach the
    /// member. The member gives the bonus once, however often it is told.
    /// </summary>
    public Task<GrainReply<Consent>> SetConsent(SetConsent command) => GrainReplies.Run(async () =>
    {
        var consent = ((ConsentChanged)await DecideAsync(command)).Consent;
        await TellConsentsAsync();
        if (consent.Granted)
        {
            (await Member().ConsentGranted(command.RequestId)).Unwrap();
        }
        return consent;
    });

    public Task<GrainReply<ProfileView>> Get() => GrainReplies.Run(async () =>
    {
        await EnsureEnrolledAsync();
        return View(State.Contact);
    });

    /// <summary>The event that answers the command: appended now, or read back for a retry.</summary>
    private async Task<ProfileEvent> DecideAsync(IProfileCommand command)
    {
        CheckKey(command);
        var decision = ProfileBook.Decide(State, command, time.GetUtcNow());
        if (decision.ReplayOf is { } sequence)
        {
            var stored = await store.ReadBackwardAsync(stream.StreamId, sequence + 1, 1, CancellationToken.None);
            if (stored.Count == 0 || stored[0].Sequence != sequence)
            {
                throw new InvalidOperationException($"Event {sequence} of {stream.StreamId} is missing from the journal.");
            }
            return stream.Codec.Decode(stored[0].Payload);
        }
        await EnsureEnrolledAsync();
        await stream.AppendAsync([decision.NewEvent!]);
        return decision.NewEvent!;
    }

    private async Task EnsureEnrolledAsync()
    {
        if (!enrolled && !(enrolled = await Member().IsEnrolled()))
        {
            var (programId, memberId) = MemberKey.Parse(this.GetPrimaryKeyString());
            throw new LoyaltyException(LoyaltyError.NotFound("MEMBER_NOT_FOUND",
                $"member '{memberId}' is not enrolled in program '{programId}'"));
        }
    }

    private ProfileView View(ContactDetails contact) =>
        new(contact, State.Consents.Values.OrderBy(c => c.Channel).ToArray(), State.UpdatedAt);

    private IMemberGrain Member() => GrainFactory.GetGrain<IMemberGrain>(this.GetPrimaryKeyString());

    private void CheckKey(IProfileCommand command)
    {
        if (MemberKey.For(command.ProgramId, command.MemberId) != this.GetPrimaryKeyString())
        {
            throw new InvalidOperationException($"A command for '{command.ProgramId}/{command.MemberId}' reached profile grain '{this.GetPrimaryKeyString()}'.");
        }
    }
}
