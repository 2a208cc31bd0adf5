using System.Text;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Profiles;
using LoyaltyGrid.Domain.Programs;
using Orleans.Core.Internal;

namespace LoyaltyGrid.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class MemberProfileGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_profile_is_journaled_apart_from_the_points_and_a_retry_after_reactivation_answers_the_same()
    {
        var (program, member) = await EnrolledMemberAsync();
        var update = new UpdateProfile(NewId(), program, member, "Ann Example", "ann@example.com", "+4930123456", "1990-03-14", "de", "Europe/Berlin");

        var first = (await Profile(program, member).Update(update)).Unwrap();
        await DeactivateAsync(Profile(program, member));
        await DeactivateAsync(Member(program, member));
        var retry = (await Profile(program, member).Update(update)).Unwrap();
        var read = (await Profile(program, member).Get()).Unwrap();

        Assert.Equal(new ContactDetails("Ann Example", "ann@example.com", "+4930123456", new DateOnly(1990, 3, 14), "de", "Europe/Berlin"), first.Contact);
        Assert.Equal((first.Contact, first.UpdatedAt), (retry.Contact, retry.UpdatedAt));
        Assert.Equal(first.Contact, read.Contact);
        var key = MemberKey.For(program, member);
        Assert.Single(await fixture.Store.ReadForwardAsync(ProfileKey.StreamOf(key), 0, CancellationToken.None));
        // The points journal learns the birthday's month and day, and nothing personal.
        var points = await fixture.Store.ReadForwardAsync(MemberKey.StreamOf(key), 0, CancellationToken.None);
        Assert.DoesNotContain(points, e => Encoding.UTF8.GetString(e.Payload).Contains("ann", StringComparison.OrdinalIgnoreCase)
            || Encoding.UTF8.GetString(e.Payload).Contains("1990-03-14", StringComparison.Ordinal));
        var birthday = Assert.IsType<BirthdayChanged>(Storage.Formats.MemberEventCodec.Instance.Decode(points[^1].Payload));
        Assert.Equal((3, 14), (birthday.Month, birthday.Day));
    }

    [Fact]
    public async Task A_retry_of_an_older_update_answers_as_it_did_and_leaves_the_birthday_the_profile_has_now()
    {
        var (program, member) = await EnrolledMemberAsync();
        var older = new UpdateProfile(NewId(), program, member, BirthDate: "1990-03-14");
        (await Profile(program, member).Update(older)).Unwrap();
        (await Profile(program, member).Update(new UpdateProfile(NewId(), program, member, BirthDate: "1991-05-05"))).Unwrap();

        var retry = (await Profile(program, member).Update(older)).Unwrap();

        Assert.Equal(new DateOnly(1990, 3, 14), retry.Contact.BirthDate);
        Assert.Equal(new DateOnly(1991, 5, 5), (await Profile(program, member).Get()).Unwrap().Contact.BirthDate);
        var points = await fixture.Store.ReadForwardAsync(MemberKey.StreamOf(MemberKey.For(program, member)), 0, CancellationToken.None);
        var birthday = Assert.IsType<BirthdayChanged>(Storage.Formats.MemberEventCodec.Instance.Decode(points[^1].Payload));
        Assert.Equal((5, 5), (birthday.Month, birthday.Day));
    }

    [Fact]
    public async Task A_refused_change_writes_nothing_and_a_member_not_enrolled_is_not_found()
    {
        var (program, member) = await EnrolledMemberAsync();
        var key = MemberKey.For(program, member);

        var invalid = await Profile(program, member).Update(new UpdateProfile(NewId(), program, member, Email: "ann@", Phone: "12"));
        var stranger = NewId();
        var notEnrolled = await Profile(program, stranger).Update(new UpdateProfile(NewId(), program, stranger, Name: "Bob"));
        var notEnrolledConsent = await Profile(program, stranger).SetConsent(
            new SetConsent(NewId(), program, stranger, ConsentChannel.Email, true, ConsentSource.Web));
        var notEnrolledRead = await Profile(program, stranger).Get();

        Assert.Equal((ErrorKind.InvalidArgument, "email, phone"),
            (invalid.Error!.Kind, string.Join(", ", invalid.Error.Violations!.Select(v => v.Field))));
        Assert.Equal(["MEMBER_NOT_FOUND", "MEMBER_NOT_FOUND", "MEMBER_NOT_FOUND"],
            new[] { notEnrolled.Error!.Reason, notEnrolledConsent.Error!.Reason, notEnrolledRead.Error!.Reason });
        Assert.Empty(await fixture.Store.ReadForwardAsync(ProfileKey.StreamOf(key), 0, CancellationToken.None));
        Assert.Empty(await fixture.Store.ReadForwardAsync(ProfileKey.StreamOf(MemberKey.For(program, stranger)), 0, CancellationToken.None));
        Assert.Equal(ContactDetails.Empty, (await Profile(program, member).Get()).Unwrap().Contact);
    }

    [Fact]
    public async Task Every_consent_is_kept_in_the_journal_and_the_profile_shows_the_latest_per_channel()
    {
        var (program, member) = await EnrolledMemberAsync();
        var grant = new SetConsent(NewId(), program, member, ConsentChannel.Sms, true, ConsentSource.Pos);

        var granted = (await Profile(program, member).SetConsent(grant)).Unwrap();
        var withdrawn = (await Profile(program, member).SetConsent(grant with { RequestId = NewId(), Granted = false, Source = ConsentSource.App })).Unwrap();
        var retried = (await Profile(program, member).SetConsent(grant)).Unwrap();
        await DeactivateAsync(Profile(program, member));
        var view = (await Profile(program, member).Get()).Unwrap();

        Assert.Equal(granted, retried);
        Assert.Equal([withdrawn], view.Consents);
        Assert.Equal((false, ConsentSource.App), (withdrawn.Granted, withdrawn.Source));
        Assert.Equal(2, (await fixture.Store.ReadForwardAsync(ProfileKey.StreamOf(MemberKey.For(program, member)), 0, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task The_birthday_bonus_comes_once_in_the_birthday_month_and_again_a_year_later()
    {
        var (program, member) = await EnrolledMemberAsync();
        (await fixture.Grains.GetGrain<IProgramGrain>(program).Change(
            new SetBirthdayBonus(NewId(), program, "admin", new BirthdayBonus(300, BirthdayWindow.Month)))).Unwrap();
        var today = fixture.Time.GetUtcNow();
        var birthDate = new DateOnly(today.Year - 30, today.Month, Math.Min(today.Day, 28)).ToString("yyyy-MM-dd");
        var update = new UpdateProfile(NewId(), program, member, BirthDate: birthDate);

        (await Profile(program, member).Update(update)).Unwrap();
        (await Profile(program, member).Update(update)).Unwrap();
        (await Profile(program, member).Update(update with { RequestId = NewId(), Name = "Ann" })).Unwrap();
        var thisYear = (await Member(program, member).Get()).Unwrap().Balance;

        fixture.Time.Advance(new DateTimeOffset(today.Year + 1, today.Month, 15, 12, 0, 0, TimeSpan.Zero) - today);
        await Member(program, member).WakeUp();
        var nextYear = (await Member(program, member).Get()).Unwrap().Balance;
        var bonuses = (await Member(program, member).ListLedger(50, null)).Unwrap().Entries.Where(e => e.Type == LedgerEntryType.Bonus);

        Assert.Equal(new Balance(Available: 300, LifetimeEarned: 300), thisYear);
        Assert.Equal(new Balance(Available: 600, LifetimeEarned: 600), nextYear);
        Assert.Equal([$"Birthday bonus {today.Year + 1}: 300 points", $"Birthday bonus {today.Year}: 300 points"], bonuses.Select(e => e.Description));
    }

    [Fact]
    public async Task An_erasure_clears_the_profile_keeps_the_points_and_ends_the_birthday_bonus()
    {
        var (program, member) = await EnrolledMemberAsync();
        (await fixture.Grains.GetGrain<IProgramGrain>(program).Change(
            new SetBirthdayBonus(NewId(), program, "admin", new BirthdayBonus(300, BirthdayWindow.Month)))).Unwrap();
        var today = fixture.Time.GetUtcNow();
        (await Profile(program, member).Update(new UpdateProfile(NewId(), program, member, "Ann", "ann@example.com",
            BirthDate: new DateOnly(today.Year - 30, today.Month, 1).ToString("yyyy-MM-dd")))).Unwrap();
        (await Profile(program, member).SetConsent(new SetConsent(NewId(), program, member, ConsentChannel.Email, true, ConsentSource.Web))).Unwrap();
        var erase = new EraseProfile(NewId(), program, member, "key:abc (privacy desk)");

        var erased = (await Profile(program, member).Erase(erase)).Unwrap();
        var retried = (await Profile(program, member).Erase(erase)).Unwrap();
        await DeactivateAsync(Profile(program, member));
        var read = (await Profile(program, member).Get()).Unwrap();
        fixture.Time.Advance(new DateTimeOffset(today.Year + 1, today.Month, 15, 12, 0, 0, TimeSpan.Zero) - today);
        await Member(program, member).WakeUp();
        var balance = (await Member(program, member).Get()).Unwrap().Balance;

        Assert.Equal((ContactDetails.Empty, 0), (erased.Contact, erased.Consents.Count));
        Assert.Equal((erased.Contact, erased.UpdatedAt), (retried.Contact, retried.UpdatedAt));
        Assert.Equal((ContactDetails.Empty, 0), (read.Contact, read.Consents.Count));
        Assert.Equal(new Balance(Available: 300, LifetimeEarned: 300), balance);
    }

    private async Task<(string Program, string Member)> EnrolledMemberAsync()
    {
        var program = NewId();
        (await fixture.Grains.GetGrain<IProgramGrain>(program).Create(
            new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        var member = NewId();
        (await Member(program, member).Enroll(new EnrollMember(NewId(), program, member, null))).Unwrap();
        return (program, member);
    }

    private IMemberGrain Member(string program, string member) => fixture.Grains.GetGrain<IMemberGrain>(MemberKey.For(program, member));

    private IMemberProfileGrain Profile(string program, string member) => fixture.Grains.GetGrain<IMemberProfileGrain>(MemberKey.For(program, member));

    private static async Task DeactivateAsync(IGrain grain)
    {
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..20];
}
