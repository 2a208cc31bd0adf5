using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>
/// API keys over gRPC against the real silo: every method called with every kind of key, revocation taking effect
/// at once, and terminals held to their own merchant and store.
/// </summary>
public sealed class AccessControlTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    private const string Merchant = "merchant-1";
    private const string Store = "store-1";

    /// <summary>
    /// Who may call what, written out here rather than read from the server's table, so a change to the policy has
    /// to be made twice. "A" platform admin, "P" program admin, "M" merchant admin, "T" terminal.
    /// </summary>
    public static TheoryData<string, string> Matrix => new()
    {
        { "Programs/CreateProgram", "A" },
        { "Programs/GetProgram", "APMT" },
        { "Programs/ListAuditEntries", "AP" },
        { "Programs/SetEarningRules", "AP" },
        { "Programs/SetExpiryPolicy", "AP" },
        { "Programs/SetTierPolicy", "AP" },
        { "Programs/UpsertTier", "AP" },
        { "Programs/ListTiers", "APMT" },
        { "Programs/CreatePromotion", "AP" },
        { "Programs/ListPromotions", "APMT" },
        { "Programs/EndPromotion", "AP" },
        { "Programs/IssueCoupons", "AP" },
        { "Programs/ReinstateExpiredPoints", "AP" },
        { "Coalitions/ConfigureCoalition", "AP" },
        { "Coalitions/JoinPartner", "AP" },
        { "Coalitions/UpdatePartnerTerms", "AP" },
        { "Coalitions/RemovePartner", "AP" },
        { "Coalitions/GetCoalition", "APMT" },
        { "Coalitions/GetSettlement", "APM" },
        { "Coalitions/ExportSettlement", "APM" },
        { "Members/EnrollMember", "APMT" },
        { "Members/GetMember", "APMT" },
        { "Members/LookupMember", "APMT" },
        { "Members/ListLedgerEntries", "APMT" },
        { "Members/ImportMembers", "AP" },
        { "Members/AdjustPoints", "AP" },
        { "Members/CancelEarning", "AP" },
        { "Members/AssignTier", "AP" },
        { "Referrals/SetReferralRules", "AP" },
        { "Referrals/GetReferralCode", "APMT" },
        { "Referrals/ListReferrals", "APMT" },
        { "Referrals/GetPartnerReferralCode", "APM" },
        { "Segments/DefineSegment", "AP" },
        { "Segments/ListSegments", "AP" },
        { "Segments/ListSegmentMembers", "AP" },
        { "Segments/GetMemberSegments", "APMT" },
        { "Messages/SetMessagingPolicy", "AP" },
        { "Messages/GetMessagingStats", "AP" },
        { "Referrals/ListProgramReferrals", "AP" },
        { "Members/TransferPoints", "APMT" },
        { "Members/UpdateProfile", "APT" },
        { "Members/SetConsent", "APT" },
        { "Members/GetProfile", "APT" },
        { "Members/EraseProfile", "AP" },
        { "Programs/SetBirthdayBonus", "AP" },
        { "Programs/UpsertEventRule", "AP" },
        { "Programs/ListEventRules", "APMT" },
        { "Programs/EndEventRule", "AP" },
        { "Programs/SetEngagementBonuses", "AP" },
        { "Members/RecordEvent", "APT" },
        { "Programs/SetFeedbackReward", "AP" },
        { "Feedback/SubmitFeedback", "APT" },
        { "Feedback/GetFeedbackSummary", "APM" },
        { "Feedback/ListFeedback", "APM" },
        { "Checkout/RecordPurchase", "MT" },
        { "Checkout/PreviewPurchase", "MT" },
        { "Checkout/AuthorizeRedemption", "MT" },
        { "Checkout/CaptureRedemption", "MT" },
        { "Checkout/VoidRedemption", "MT" },
        { "Checkout/RecordReturn", "MT" },
        { "Checkout/ImportPurchaseHistory", "AP" },
        { "Access/IssueApiKey", "APM" },
        { "Access/RevokeApiKey", "APM" },
        { "Access/ListApiKeys", "APM" },
        { "Diagnostics/Ping", "APMT" },
        { "Diagnostics/GetJournalStats", "A" },
        { "Diagnostics/GetMemoryStats", "A" },
        { "Diagnostics/GetMemberStorage", "A" },
        { "Diagnostics/DeactivateMember", "A" },
        { "Benefits/PublishBenefit", "AP" },
        { "Benefits/RetireBenefit", "AP" },
        { "Benefits/ListBenefits", "APMT" },
        { "Insights/FitLifetimeValueModel", "AP" },
        { "Insights/GetMemberValue", "AP" },
        { "Insights/GetProgramMetrics", "AP" },
        { "Insights/GetRetentionCohorts", "AP" },
        { "Insights/GetPointsLiability", "AP" },
        { "Insights/ExportInsights", "AP" },
        { "Insights/GetProjectionStatus", "A" },
        { "Insights/RebuildProjection", "A" },
        { "Rewards/CreateReward", "AP" },
        { "Rewards/UpdateReward", "AP" },
        { "Rewards/ListRewards", "APMT" },
        { "Rewards/RedeemReward", "APMT" },
        { "Rewards/CancelRewardRedemption", "APMT" },
        { "Offers/CreateOffer", "AP" },
        { "Offers/GetOfferStats", "AP" },
        { "Offers/ListOffers", "AP" },
        { "Offers/GetMemberOffers", "APMT" },
        { "Offers/RespondToOffer", "APMT" },
    };

    /// <summary>Server-streaming methods; BenefitsTests and MessagesTests check their access (CallAsync here is unary and client streaming only).</summary>
    private static readonly string[] StreamingMethods = ["Benefits/WatchBenefits", "Messages/WatchMessages"];

    /// <summary>Every service of the API, from each of its proto files.</summary>
    private static IEnumerable<ServiceDescriptor> Services =>
        [.. LoyaltyReflection.Descriptor.Services, .. CoalitionsReflection.Descriptor.Services, .. BenefitsReflection.Descriptor.Services,
        .. InsightsReflection.Descriptor.Services, .. FeedbackReflection.Descriptor.Services, .. ReferralsReflection.Descriptor.Services,
        .. RewardsReflection.Descriptor.Services, .. SegmentsReflection.Descriptor.Services, .. MessagesReflection.Descriptor.Services,
        .. OffersReflection.Descriptor.Services];

    [Fact]
    public void The_matrix_covers_every_unary_and_client_streaming_method_of_the_api()
    {
        var services = Services.ToArray();
        var methods = services
            .SelectMany(s => s.Methods.Where(m => !m.IsServerStreaming).Select(m => $"{s.Name}/{m.Name}"));
        var streaming = services.SelectMany(s => s.Methods.Where(m => m.IsServerStreaming).Select(m => $"{s.Name}/{m.Name}"));

        Assert.Equal(methods.Order(), Matrix.Select(row => (string)row[0]).Order());
        Assert.Equal(streaming.Order(), StreamingMethods.Order());
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Every_method_answers_each_role_as_the_policy_says(string method, string allowed)
    {
        var program = await Pos.CreateProgramAsync(silo);
        var keys = new Dictionary<char, string>
        {
            ['A'] = TestKeys.Bootstrap,
            ['P'] = await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.ProgramAdmin, program),
            ['M'] = await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.MerchantAdmin, program, Merchant),
            ['T'] = await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.Terminal, program, Merchant, Store),
        };

        foreach (var (role, key) in keys)
        {
            var status = await CallAsync(method, program, key);
            if (allowed.Contains(role))
            {
                Assert.True(status is not (StatusCode.PermissionDenied or StatusCode.Unauthenticated),
                    $"{method} with a {role} key should pass the access check, got {status}");
            }
            else
            {
                Assert.True(status == StatusCode.PermissionDenied, $"{method} with a {role} key should be PERMISSION_DENIED, got {status}");
            }
        }
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(method, program, key: null));
        Assert.Equal(StatusCode.Unauthenticated, await CallAsync(method, program, "lg_0000000000000000_not-a-real-secret"));
    }

    [Fact]
    public async Task A_terminal_cannot_act_for_another_store_or_merchant_and_a_refused_call_changes_nothing()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var member = await Pos.EnrollAsync(silo, program);
        var terminal = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.Terminal, program, Merchant, Store));
        var checkout = new Checkout.CheckoutClient(silo.Silo.GrpcChannel);

        foreach (var (merchant, store) in new[] { (Merchant, "store-2"), ("merchant-2", Store) })
        {
            var purchase = Pos.Purchase(program, member, ("sku-1", 1, 1000));
            purchase.MerchantId = merchant;
            purchase.StoreId = store;
            var refused = await Assert.ThrowsAsync<RpcException>(() => checkout.RecordPurchaseAsync(purchase, terminal).ResponseAsync);
            Assert.Equal((StatusCode.PermissionDenied, "OUTSIDE_KEY_SCOPE"), (refused.StatusCode, Pos.Refusal(refused).Reason));
        }
        var balance = (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member.Balance;
        Assert.Equal(0, balance.LifetimeEarned);
    }

    [Fact]
    public async Task A_hold_can_be_captured_only_by_the_merchant_that_authorized_it()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var member = await Pos.EnrollAsync(silo, program);
        await silo.Checkout.RecordPurchaseAsync(Pos.Purchase(program, member, ("sku-1", 1, 10_000)));
        var hold = await silo.Checkout.AuthorizeRedemptionAsync(new AuthorizeRedemptionRequest
        {
            RequestId = Pos.NewId("req"),
            ProgramId = program,
            MemberId = member,
            Points = 100,
            MerchantId = Merchant,
            StoreId = Store,
        });
        var otherShop = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.Terminal, program, "merchant-2", Store));

        var refused = await Assert.ThrowsAsync<RpcException>(() => new Checkout.CheckoutClient(silo.Silo.GrpcChannel).CaptureRedemptionAsync(
            new CaptureRedemptionRequest { RequestId = Pos.NewId("req"), ProgramId = program, MemberId = member, HoldId = hold.HoldId },
            otherShop).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, "HOLD_OF_ANOTHER_MERCHANT"), (refused.StatusCode, Pos.Refusal(refused).Reason));
        var balance = (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member.Balance;
        Assert.Equal((900L, 100L, 0L), (balance.Available, balance.Held, balance.LifetimeRedeemed));
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once_and_the_audit_says_who_issued_and_revoked_it()
    {
        var program = await Pos.CreateProgramAsync(silo);
        var access = new Access.AccessClient(silo.Silo.GrpcChannel);
        var admin = TestKeys.Authorization(TestKeys.Bootstrap);
        var issued = await access.IssueApiKeyAsync(new IssueApiKeyRequest
        {
            RequestId = Pos.NewId("req"),
            Name = "till 7",
            Role = ApiRole.ProgramAdmin,
            ProgramId = program,
        }, admin);
        var programs = new Programs.ProgramsClient(silo.Silo.GrpcChannel);
        var asKey = TestKeys.Authorization(issued.ApiKey);
        await programs.GetProgramAsync(new GetProgramRequest { ProgramId = program }, asKey);

        var revoked = await access.RevokeApiKeyAsync(new RevokeApiKeyRequest { RequestId = Pos.NewId("req"), KeyId = issued.Key.KeyId }, admin);
        var refused = await Assert.ThrowsAsync<RpcException>(() => programs.GetProgramAsync(new GetProgramRequest { ProgramId = program }, asKey).ResponseAsync);

        Assert.Equal((StatusCode.Unauthenticated, "API_KEY_REVOKED"), (refused.StatusCode, Pos.Refusal(refused).Reason));
        Assert.NotNull(revoked.Key.RevokedAt);
        Assert.Matches(@"^key:boot[0-9a-f]{12} \(bootstrap \(configured\)\)$", revoked.Key.RevokedBy);
        Assert.Equal(revoked.Key.RevokedBy, revoked.Key.CreatedBy);
        var listed = (await access.ListApiKeysAsync(new ListApiKeysRequest { ProgramId = program }, admin)).Keys;
        Assert.Contains(listed, k => k.KeyId == issued.Key.KeyId && k.RevokedAt is not null);
        Assert.DoesNotContain(issued.ApiKey, listed.ToString());
    }

    [Fact]
    public async Task A_key_in_use_with_one_character_of_its_secret_wrong_is_refused_every_time_while_the_right_one_keeps_working()
    {
        // The silo remembers the headers it has verified (so a till's secret is hashed once); a header that differs,
        // even by the last character or by a space, is verified from scratch and refused.
        var program = await Pos.CreateProgramAsync(silo);
        var key = await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.ProgramAdmin, program);
        var programs = new Programs.ProgramsClient(silo.Silo.GrpcChannel);
        var wrong = key[..^1] + (key[^1] == 'a' ? 'b' : 'a');

        var outcomes = new List<string>();
        foreach (var text in new[] { key, wrong, key, wrong, key + "x", key })
        {
            try
            {
                await programs.GetProgramAsync(new GetProgramRequest { ProgramId = program }, TestKeys.Authorization(text));
                outcomes.Add("OK");
            }
            catch (RpcException ex)
            {
                outcomes.Add($"{ex.StatusCode} {Pos.Refusal(ex).Reason}");
            }
        }

        Assert.Equal(["OK", "Unauthenticated INVALID_API_KEY", "OK", "Unauthenticated INVALID_API_KEY", "Unauthenticated INVALID_API_KEY", "OK"], outcomes);
    }

    [Fact]
    public async Task A_program_admin_cannot_issue_keys_for_another_program_nor_platform_admin_keys()
    {
        var (mine, theirs) = (await Pos.CreateProgramAsync(silo), await Pos.CreateProgramAsync(silo));
        var programAdmin = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.ProgramAdmin, mine));
        var access = new Access.AccessClient(silo.Silo.GrpcChannel);

        var otherProgram = await Assert.ThrowsAsync<RpcException>(() => access.IssueApiKeyAsync(new IssueApiKeyRequest
        {
            RequestId = Pos.NewId("req"),
            Name = "x",
            Role = ApiRole.Terminal,
            ProgramId = theirs,
            MerchantId = Merchant,
            StoreId = Store,
        }, programAdmin).ResponseAsync);
        var platform = await Assert.ThrowsAsync<RpcException>(() => access.IssueApiKeyAsync(new IssueApiKeyRequest
        {
            RequestId = Pos.NewId("req"),
            Name = "x",
            Role = ApiRole.Admin,
        }, programAdmin).ResponseAsync);

        Assert.Equal((StatusCode.PermissionDenied, "OUTSIDE_KEY_SCOPE"), (otherProgram.StatusCode, Pos.Refusal(otherProgram).Reason));
        Assert.Equal((StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED"), (platform.StatusCode, Pos.Refusal(platform).Reason));
    }

    [Fact]
    public async Task A_program_admin_can_import_into_its_own_program_only_also_when_a_later_message_names_another()
    {
        var (mine, theirs) = (await Pos.CreateProgramAsync(silo), await Pos.CreateProgramAsync(silo));
        var programAdmin = TestKeys.Authorization(await TestKeys.IssueAsync(silo.Silo.Channel, ApiRole.ProgramAdmin, mine));
        var members = new Members.MembersClient(silo.Silo.GrpcChannel);
        ImportMemberRequest Member(string program, string memberId) => new()
        {
            ImportId = "import-1", ProgramId = program, MemberId = memberId,
            EnrolledAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow.AddYears(-1)),
        };

        async Task<ImportMembersResponse> ImportAsync(params ImportMemberRequest[] messages)
        {
            using var call = members.ImportMembers(programAdmin);
            foreach (var message in messages)
            {
                await call.RequestStream.WriteAsync(message);
            }
            await call.RequestStream.CompleteAsync();
            return await call;
        }

        var own = await ImportAsync(Member(mine, "ann"));
        var first = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(Member(theirs, "bob")));
        var later = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(Member(mine, "cat"), Member(theirs, "dan")));

        Assert.Equal((1L, 1L), (own.Received, own.Imported));
        Assert.Equal((StatusCode.PermissionDenied, "OUTSIDE_KEY_SCOPE"), (first.StatusCode, Pos.Refusal(first).Reason));
        Assert.Equal((StatusCode.PermissionDenied, "OUTSIDE_KEY_SCOPE"), (later.StatusCode, Pos.Refusal(later).Reason));
        foreach (var memberId in new[] { "bob", "dan" })
        {
            var missing = await Assert.ThrowsAsync<RpcException>(() =>
                silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = theirs, MemberId = memberId }).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        }
    }

    [Theory]
    [InlineData(ApiRole.ProgramAdmin)]
    [InlineData(ApiRole.MerchantAdmin)]
    [InlineData(ApiRole.Terminal)]
    public async Task A_key_for_a_program_that_does_not_exist_is_not_issued(ApiRole role)
    {
        var refusal = Pos.Refusal(await Assert.ThrowsAsync<RpcException>(() => new Access.AccessClient(silo.Silo.GrpcChannel).IssueApiKeyAsync(
            new IssueApiKeyRequest
            {
                RequestId = Pos.NewId("req"),
                Name = "x",
                Role = role,
                ProgramId = Pos.NewId("nowhere"),
                MerchantId = role == ApiRole.ProgramAdmin ? "" : Merchant,
                StoreId = role == ApiRole.Terminal ? Store : "",
            }, TestKeys.Authorization(TestKeys.Bootstrap)).ResponseAsync));

        Assert.Equal((StatusCode.NotFound, "PROGRAM_NOT_FOUND"), (refusal.Code, refusal.Reason));
    }

    /// <summary>Calls <paramref name="method"/> with an otherwise empty request naming the program, merchant and store; its status.</summary>
    private async Task<StatusCode> CallAsync(string method, string program, string? key)
    {
        var (serviceName, methodName) = (method[..method.IndexOf('/')], method[(method.IndexOf('/') + 1)..]);
        var descriptor = Services.Single(s => s.Name == serviceName).Methods.Single(m => m.Name == methodName);
        var request = descriptor.InputType.Parser.ParseFrom(ByteString.Empty);
        Set(request, "program_id", program);
        Set(request, "merchant_id", Merchant);
        Set(request, "store_id", Store);
        Set(request, "request_id", Pos.NewId("req"));
        var call = new Method<IMessage, IMessage>(descriptor.IsClientStreaming ? MethodType.ClientStreaming : MethodType.Unary,
            descriptor.Service.FullName, descriptor.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => descriptor.InputType.Parser.ParseFrom(bytes)),
            Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => descriptor.OutputType.Parser.ParseFrom(bytes)));
        var options = new CallOptions(key is null ? null : TestKeys.Authorization(key));
        var invoker = silo.Silo.GrpcChannel.CreateCallInvoker();
        try
        {
            if (descriptor.IsClientStreaming)
            {
                // One message, as a stream of one.
                using var stream = invoker.AsyncClientStreamingCall(call, null, options);
                try
                {
                    await stream.RequestStream.WriteAsync(request);
                    await stream.RequestStream.CompleteAsync();
                }
                catch (RpcException)
                {
                    // A refusal can end the call before the message is sent (the write then fails as cancelled, seen on
                    // a loaded machine); the answer is the call's own status, below.
                }
                await stream;
                return StatusCode.OK;
            }
            await invoker.AsyncUnaryCall(call, null, options, request);
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    private static void Set(IMessage message, string field, string value)
    {
        if (message.Descriptor.FindFieldByName(field) is { FieldType: FieldType.String } f)
        {
            f.Accessor.SetValue(message, value);
        }
    }
}
