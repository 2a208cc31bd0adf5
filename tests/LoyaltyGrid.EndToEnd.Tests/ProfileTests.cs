using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>Member profiles, consents and the birthday bonus over gRPC against the real silo (its clock is real).</summary>
public sealed class ProfileTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    [Fact]
    public async Task A_till_records_a_profile_and_a_consent_a_retry_answers_the_same_and_a_refusal_changes_nothing()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var member = await Pos.EnrollAsync(silo, program);
        var till = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.Terminal, program, "merchant-1", "store-1"));
        var members = new Members.MembersClient(silo.Silo.GrpcChannel);
        var update = new UpdateProfileRequest
        {
            RequestId = Pos.NewId("req"), ProgramId = program, MemberId = member,
            Name = "Ann Example", Email = "ann@example.com", Phone = "+49 30 123456", BirthDate = "1990-03-14",
            PreferredLanguage = "de-DE", TimeZone = "Europe/Berlin",
        };

        var updated = await members.UpdateProfileAsync(update, till);
        var retried = await members.UpdateProfileAsync(update, till);
        var consent = await members.SetConsentAsync(new SetConsentRequest
        {
            RequestId = Pos.NewId("req"), ProgramId = program, MemberId = member,
            Channel = ConsentChannel.Email, Granted = true, Source = ConsentSource.Pos,
            OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-5)),
        }, till);
        var before = (await members.GetProfileAsync(new GetProfileRequest { ProgramId = program, MemberId = member }, till)).Profile;

        var invalid = await Pos.RefusedAsync(members.UpdateProfileAsync(new UpdateProfileRequest
        {
            RequestId = Pos.NewId("req"), ProgramId = program, MemberId = member,
            Name = "Bob", Email = "bob@", BirthDate = "2999-01-01", TimeZone = "Mars/Olympus",
        }, till));
        var reused = await Pos.RefusedAsync(members.UpdateProfileAsync(new UpdateProfileRequest(update) { Name = "Bob" }, till));
        var noConsentChannel = await Pos.RefusedAsync(members.SetConsentAsync(new SetConsentRequest
        {
            RequestId = Pos.NewId("req"), ProgramId = program, MemberId = member, Granted = true, Source = ConsentSource.Web,
        }, till));
        var stranger = Pos.NewId("mem");
        var notFound = await Pos.RefusedAsync(members.UpdateProfileAsync(new UpdateProfileRequest
            { RequestId = Pos.NewId("req"), ProgramId = program, MemberId = stranger, Name = "Bob" }, till));
        var notFoundRead = await Pos.RefusedAsync(members.GetProfileAsync(new GetProfileRequest { ProgramId = program, MemberId = stranger }, till));
        var after = (await silo.Members.GetProfileAsync(new GetProfileRequest { ProgramId = program, MemberId = member })).Profile;

        Assert.Equal(new PersonalProfile
        {
            ProgramId = program, MemberId = member, Name = "Ann Example", Email = "ann@example.com", Phone = "+4930123456",
            BirthDate = "1990-03-14", PreferredLanguage = "de-DE", TimeZone = "Europe/Berlin", UpdatedAt = updated.Profile.UpdatedAt,
        }, updated.Profile);
        Assert.Equal(updated, retried);
        Assert.Equal((ConsentChannel.Email, true, ConsentSource.Pos), (consent.Consent.Channel, consent.Consent.Granted, consent.Consent.Source));
        Assert.Equal([consent.Consent], before.Consents);
        Assert.Equal((StatusCode.InvalidArgument, "INVALID_REQUEST", "email, birth_date, time_zone"),
            (invalid.Code, invalid.Reason, string.Join(", ", invalid.Fields)));
        Assert.Equal((StatusCode.AlreadyExists, "REQUEST_ID_REUSED"), (reused.Code, reused.Reason));
        Assert.Equal((StatusCode.InvalidArgument, "channel"), (noConsentChannel.Code, string.Join(", ", noConsentChannel.Fields)));
        Assert.Equal((StatusCode.NotFound, "MEMBER_NOT_FOUND"), (notFound.Code, notFound.Reason));
        Assert.Equal((StatusCode.NotFound, "MEMBER_NOT_FOUND"), (notFoundRead.Code, notFoundRead.Reason));
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task The_birthday_bonus_is_given_once_when_the_birth_date_becomes_known_in_the_birthday_month()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var member = await Pos.EnrollAsync(silo, program);
        var set = await silo.Programs.SetBirthdayBonusAsync(new SetBirthdayBonusRequest
        {
            RequestId = Pos.NewId("req"), ProgramId = program,
            BirthdayBonus = new BirthdayBonus { Points = 250, When = BirthdayWindow.Month },
        });
        var rules = (await silo.Programs.GetProgramAsync(new GetProgramRequest { ProgramId = program })).Rules;
        var today = DateTime.UtcNow;
        string BirthDate(int day) => new DateOnly(today.Year - 30, today.Month, day).ToString("yyyy-MM-dd");

        await silo.Members.UpdateProfileAsync(new UpdateProfileRequest
            { RequestId = Pos.NewId("req"), ProgramId = program, MemberId = member, BirthDate = BirthDate(Math.Min(today.Day, 28)) });
        // Another day of the same month: still this year's bonus, not a second one.
        await silo.Members.UpdateProfileAsync(new UpdateProfileRequest
            { RequestId = Pos.NewId("req"), ProgramId = program, MemberId = member, BirthDate = BirthDate(1) });
        var balance = (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member.Balance;
        var ledger = await Pos.LedgerAsync(silo, program, member);

        Assert.Equal(set.BirthdayBonus, rules.BirthdayBonus);
        Assert.Equal((250L, 250L), (balance.Available, balance.LifetimeEarned));
        var line = Assert.Single(ledger);
        Assert.Equal((LedgerEntryType.Bonus, 250L, "birthday-bonus", $"Birthday bonus {today.Year}: 250 points"),
            (line.Type, line.Points, line.Rule, line.Description));
    }

    [Fact]
    public async Task A_program_admin_erases_a_profile_and_the_points_stay()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var member = await Pos.EnrollAsync(silo, program);
        await silo.Checkout.RecordPurchaseAsync(Pos.Purchase(program, member, ("sku-1", 1, 1000)));
        await silo.Members.UpdateProfileAsync(new UpdateProfileRequest
            { RequestId = Pos.NewId("req"), ProgramId = program, MemberId = member, Name = "Ann", Email = "ann@example.com" });
        await silo.Members.SetConsentAsync(new SetConsentRequest
            { RequestId = Pos.NewId("req"), ProgramId = program, MemberId = member, Channel = ConsentChannel.Sms, Granted = true, Source = ConsentSource.App });
        var admin = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.ProgramAdmin, program));
        var before = (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member;

        var erased = await new Members.MembersClient(silo.Silo.GrpcChannel).EraseProfileAsync(
            new EraseProfileRequest { RequestId = Pos.NewId("req"), ProgramId = program, MemberId = member }, admin);
        var profile = (await silo.Members.GetProfileAsync(new GetProfileRequest { ProgramId = program, MemberId = member })).Profile;
        var after = (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member;

        Assert.Equal(new PersonalProfile { ProgramId = program, MemberId = member, UpdatedAt = erased.Profile.UpdatedAt }, erased.Profile);
        Assert.Equal(erased.Profile, profile);
        Assert.Equal(before, after);
        Assert.Equal(100, after.Balance.Available);
    }
}
