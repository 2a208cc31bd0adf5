using LoyaltyGrid.Domain.Profiles;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

public sealed class ProfileTests
{
    private static readonly DateTimeOffset Now = TestClock.Start;

    private static UpdateProfile Update(string requestId = "req-1", string? name = null, string? email = null, string? phone = null,
        string? birthDate = null, string? language = null, string? timeZone = null) =>
        new(requestId, "prog-1", "member-1", name, email, phone, birthDate, language, timeZone);

    /// <summary>Decides and applies, as the grain does once the event is durable.</summary>
    private static ProfileEvent Do(ProfileState state, IProfileCommand command, DateTimeOffset? at = null)
    {
        var decision = ProfileBook.Decide(state, command, at ?? Now);
        Assert.Null(decision.ReplayOf);
        state.Apply(decision.NewEvent!, state.Version + 1);
        return decision.NewEvent!;
    }

    private static Refusal Refused(ProfileState state, IProfileCommand command)
    {
        var (version, contact, consents) = (state.Version, state.Contact, state.Consents.Values.ToArray());
        var refused = Assert.Throws<LoyaltyException>(() => ProfileBook.Decide(state, command, Now));
        Assert.Equal((version, contact), (state.Version, state.Contact));
        Assert.Equal(consents, state.Consents.Values);
        return Refusal.Of(refused.Error);
    }

    [Fact]
    public void An_update_sets_the_fields_it_names_keeps_the_others_and_clears_the_empty_ones()
    {
        var state = new ProfileState();
        Do(state, Update(name: " Ann Example ", email: "ann@example.com", phone: "+49 (30) 123-456", birthDate: "1990-02-28",
            language: "de-DE", timeZone: "Europe/Berlin"));

        var second = (ProfileUpdated)Do(state, Update("req-2", email: "", phone: "+4930999999"));

        Assert.Equal(new ContactDetails("Ann Example", null, "+4930999999", new DateOnly(1990, 2, 28), "de-DE", "Europe/Berlin"), second.Contact);
        Assert.Equal(second.Contact, state.Contact);
        Assert.Equal((2L, Now), (state.Version, state.UpdatedAt));
    }

    [Fact]
    public void Every_malformed_field_is_one_field_violation_and_nothing_changes()
    {
        var state = new ProfileState();
        Do(state, Update(name: "Ann"));

        var refusal = Refused(state, Update("req-2", name: new string('x', 201), email: "ann@", phone: "0301234567",
            birthDate: "28.02.1990", language: "german!", timeZone: "W. Europe Standard Time"));

        Assert.Equal(Refusal.Invalid("name", "email", "phone", "birth_date", "preferred_language", "time_zone"), refusal);
    }

    [Theory]
    [InlineData("ann@example.com", "+14155550123", "en", "UTC")]
    [InlineData("first.last+tag@mail.example.co.uk", "+44 20 7946 0958", "en-GB", "America/New_York")]
    [InlineData("x@a-b.io", "+819012345678", "zh-Hant-TW", "Asia/Tokyo")]
    public void Plausible_contact_details_are_accepted(string email, string phone, string language, string timeZone)
    {
        var state = new ProfileState();

        var updated = (ProfileUpdated)Do(state, Update(email: email, phone: phone, language: language, timeZone: timeZone));

        Assert.Equal((email, language, timeZone), (updated.Contact.Email, updated.Contact.PreferredLanguage, updated.Contact.TimeZone));
        Assert.StartsWith("+", updated.Contact.Phone);
        Assert.DoesNotContain(' ', updated.Contact.Phone!);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData("ann@example")]
    [InlineData("ann smith@example.com")]
    [InlineData("ann@-example.com")]
    public void An_address_that_cannot_be_one_is_refused(string email) =>
        Assert.Equal(Refusal.Invalid("email"), Refused(new ProfileState(), Update(email: email)));

    [Theory]
    [InlineData("+0123456789")]
    [InlineData("+12345")]
    [InlineData("+1234567890123456")]
    [InlineData("+49 30 CALL ME")]
    public void A_number_that_is_not_e164_is_refused(string phone) =>
        Assert.Equal(Refusal.Invalid("phone"), Refused(new ProfileState(), Update(phone: phone)));

    [Theory]
    [InlineData("2025-06-03")] // two days after "now"
    [InlineData("1890-01-01")] // 135 years old
    [InlineData("2025-02-29")] // no such day
    [InlineData("")]
    public void A_birth_date_in_the_future_implausibly_old_or_not_a_date_is_refused(string birthDate)
    {
        var state = new ProfileState();
        if (birthDate.Length == 0)
        {
            // "" clears the date: no violation.
            Do(state, Update(birthDate: birthDate));
            Assert.Null(state.Contact.BirthDate);
            return;
        }
        Assert.Equal(Refusal.Invalid("birth_date"), Refused(state, Update(birthDate: birthDate)));
    }

    [Fact]
    public void A_retry_is_answered_by_the_first_event_and_a_reused_request_id_is_refused()
    {
        var state = new ProfileState();
        Do(state, Update(name: "Ann"));

        var retry = ProfileBook.Decide(state, Update(name: "Ann"), Now.AddMinutes(1));
        var reused = Refused(state, Update(name: "Bob"));
        // Leaving a field out is not the same request as clearing it.
        var cleared = Refused(state, Update(name: "Ann", email: ""));

        Assert.Equal(new ProfileDecision(null, 1), retry);
        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"), reused);
        Assert.Equal(Refusal.AlreadyExists("REQUEST_ID_REUSED"), cleared);
    }

    [Fact]
    public void A_consent_is_kept_per_channel_with_its_time_and_source_the_latest_winning()
    {
        var state = new ProfileState();
        var signedAt = Now.AddDays(-2);

        Do(state, new SetConsent("req-1", "prog-1", "member-1", ConsentChannel.Email, true, ConsentSource.Pos, signedAt));
        Do(state, new SetConsent("req-2", "prog-1", "member-1", ConsentChannel.Sms, true, ConsentSource.Web));
        var withdrawn = (ConsentChanged)Do(state, new SetConsent("req-3", "prog-1", "member-1", ConsentChannel.Sms, false, ConsentSource.App),
            Now.AddHours(1));

        Assert.Equal(new Consent(ConsentChannel.Sms, false, Now.AddHours(1), ConsentSource.App), withdrawn.Consent);
        Assert.Equal(
            [new Consent(ConsentChannel.Email, true, signedAt, ConsentSource.Pos), withdrawn.Consent],
            state.Consents.Values.OrderBy(c => c.Channel));
        Assert.Equal(ContactDetails.Empty, state.Contact);
    }

    [Fact]
    public void A_consent_without_channel_or_source_or_dated_in_the_future_is_refused()
    {
        var refusal = Refused(new ProfileState(),
            new SetConsent("req-1", "prog-1", "member-1", 0, true, 0, Now.AddHours(1)));

        Assert.Equal(Refusal.Invalid("channel", "source", "occurred_at"), refusal);
    }

    [Fact]
    public void An_erasure_clears_the_details_and_consents_and_the_member_may_give_them_again()
    {
        var state = new ProfileState();
        Do(state, Update(name: "Ann", email: "ann@example.com", birthDate: "1990-03-14"));
        Do(state, new SetConsent("req-2", "prog-1", "member-1", ConsentChannel.Email, true, ConsentSource.Web));

        var erased = (ProfileErased)Do(state, new EraseProfile("req-3", "prog-1", "member-1", "key:abc (privacy desk)"));
        var retry = ProfileBook.Decide(state, new EraseProfile("req-3", "prog-1", "member-1", "key:abc (privacy desk)"), Now);
        Do(state, Update("req-4", name: "Ann"));

        Assert.Equal("key:abc (privacy desk)", erased.Actor);
        Assert.Equal(new ProfileDecision(null, 3), retry);
        Assert.Equal(new ContactDetails(Name: "Ann"), state.Contact);
        Assert.Empty(state.Consents);
    }
}
