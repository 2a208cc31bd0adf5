using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using LoyaltyGrid.Api.V1;
using LoyaltyGrid.Domain;
using LoyaltyGrid.Grains;
using Core = LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Api;

public sealed class MembersService(IGrainFactory grains, MemberGrains members) : Members.MembersBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    /// <summary>Members per batch handed to the importer: one transaction each, while the next batch is read.</summary>
    private const int ImportBatchSize = 1000;

    /// <summary>Failures listed in full; the count covers all of them (the answer stays well under 4 MB).</summary>
    private const int MaxListedFailures = 1000;

    public override async Task<EnrollMemberResponse> EnrollMember(EnrollMemberRequest request, ServerCallContext context)
    {
        new RequestValidator()
            .RequestId("request_id", request.RequestId)
            .Id("program_id", request.ProgramId)
            .Id("member_id", request.MemberId, required: false)
            .ThrowIfInvalid();
        // A server-chosen id derives from the request_id, so a retried enrolment finds the same member.
        var memberId = request.MemberId is { Length: > 0 } chosen ? chosen : DeriveMemberId(request.ProgramId, request.RequestId);
        var command = new Core.EnrollMember(request.RequestId, request.ProgramId, memberId, request.CardAlias)
        {
            MerchantId = NullIfEmpty(request.MerchantId),
            StoreId = NullIfEmpty(request.StoreId),
            TerminalId = NullIfEmpty(request.TerminalId),
            ReferralCode = request.ReferralCode.Length == 0 ? null : Domain.Referrals.ReferralCodes.Normalise(request.ReferralCode) ?? "",
        };
        if (command.ReferralCode == "")
        {
            new RequestValidator().Add("referral_code", $"'{request.ReferralCode}' is not a referral code: 8 characters of 0-9 and A-Z").ThrowIfInvalid();
        }
        var member = Member(command.ProgramId, command.MemberId);
        (await member.Enroll(command)).Unwrap();
        var view = (await member.Get()).Unwrap();
        var response = new EnrollMemberResponse { Member = view.ToProto() };
        if (command.ReferralCode is not null && (await member.EnrolmentReferral()).Unwrap() is { } referral)
        {
            response.Referral = referral.ToProto(command.MemberId);
        }
        else if (command.ReferralCode is not null && (await member.ReferringPartner()).Unwrap() is { } partner)
        {
            response.ReferringPartnerId = partner;
        }
        return response;
    }

    public override async Task<GetMemberResponse> GetMember(GetMemberRequest request, ServerCallContext context)
    {
        var view = (await Member(request.ProgramId, request.MemberId).Get()).Unwrap();
        return new GetMemberResponse { Member = view.ToProto() };
    }

    public override async Task<UpdateProfileResponse> UpdateProfile(UpdateProfileRequest request, ServerCallContext context)
    {
        var view = (await Profile(request.ProgramId, request.MemberId).Update(request.ToDomain())).Unwrap();
        return new UpdateProfileResponse { Profile = view.ToProto(request.ProgramId, request.MemberId) };
    }

    public override async Task<SetConsentResponse> SetConsent(SetConsentRequest request, ServerCallContext context)
    {
        var command = request.ToDomain();
        var consent = (await Profile(request.ProgramId, request.MemberId).SetConsent(command)).Unwrap();
        return new SetConsentResponse { Consent = consent.ToProto() };
    }

    public override async Task<EraseProfileResponse> EraseProfile(EraseProfileRequest request, ServerCallContext context)
    {
        var command = new Domain.Profiles.EraseProfile(request.RequestId, request.ProgramId, request.MemberId, AccessInterceptor.Caller(context).Actor);
        var view = (await Profile(request.ProgramId, request.MemberId).Erase(command)).Unwrap();
        return new EraseProfileResponse { Profile = view.ToProto(request.ProgramId, request.MemberId) };
    }

    public override async Task<GetProfileResponse> GetProfile(GetProfileRequest request, ServerCallContext context)
    {
        var view = (await Profile(request.ProgramId, request.MemberId).Get()).Unwrap();
        return new GetProfileResponse { Profile = view.ToProto(request.ProgramId, request.MemberId) };
    }

    public override async Task<LookupMemberResponse> LookupMember(LookupMemberRequest request, ServerCallContext context)
    {
        new RequestValidator().Id("program_id", request.ProgramId).Id("card_alias", request.CardAlias).ThrowIfInvalid();
        var memberId = (await grains.GetGrain<ICardAliasGrain>(CardAliasKey.For(request.ProgramId, request.CardAlias)).Owner()).Unwrap();
        var view = (await Member(request.ProgramId, memberId).Get()).Unwrap();
        return new LookupMemberResponse { Member = view.ToProto() };
    }

    public override async Task<ListLedgerEntriesResponse> ListLedgerEntries(ListLedgerEntriesRequest request, ServerCallContext context)
    {
        var v = new RequestValidator().Id("program_id", request.ProgramId).Id("member_id", request.MemberId)
            .Range("page_size", request.PageSize, 0, MaxPageSize);
        long? before = null;
        if (request.PageToken.Length > 0)
        {
            if (long.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var token) && token > 0)
            {
                before = token;
            }
            else
            {
                v.Add("page_token", "is not a token returned by ListLedgerEntries; leave it empty for the first page");
            }
        }
        v.ThrowIfInvalid();
        var pageSize = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var page = (await Member(request.ProgramId, request.MemberId).ListLedger(pageSize, before)).Unwrap();
        var response = new ListLedgerEntriesResponse
        {
            NextPageToken = page.NextBeforeSequence?.ToString(CultureInfo.InvariantCulture) ?? "",
        };
        // A merchant's keys see the member's lines of that merchant's own transactions only.
        var merchant = AccessInterceptor.Caller(context).MerchantId;
        response.Entries.AddRange(page.Entries.Where(e => merchant is null || e.MerchantId == merchant).Select(e => e.ToProto()));
        return response;
    }

    public override async Task<AdjustPointsResponse> AdjustPoints(AdjustPointsRequest request, ServerCallContext context)
    {
        var caller = AccessInterceptor.Caller(context);
        var command = new Core.AdjustPoints(request.RequestId, request.ProgramId, request.MemberId, caller.Actor, request.Points,
            request.Reason.ToDomain(), request.Note, request.ExpiresAt.ToDomain("expires_at"))
        {
            ActorLimit = caller.MaxAdjustmentPoints,
        };
        command.Validate();
        var adjusted = (await Member(command.ProgramId, command.MemberId).AdjustPoints(command)).Unwrap();
        return new AdjustPointsResponse { AdjustmentId = adjusted.AdjustmentId, Points = adjusted.Points, Balance = adjusted.BalanceAfter.ToProto() };
    }

    public override async Task<AssignTierResponse> AssignTier(AssignTierRequest request, ServerCallContext context)
    {
        var command = new Core.AssignTier(request.RequestId, request.ProgramId, request.MemberId, AccessInterceptor.Caller(context).Actor,
            request.TierId, request.EndsAt.ToDomain("ends_at"), request.Note);
        command.Validate();
        var member = Member(command.ProgramId, command.MemberId);
        (await member.AssignTier(command)).Unwrap();
        return new AssignTierResponse { Member = (await member.Get()).Unwrap().ToProto() };
    }

    public override async Task<RecordEventResponse> RecordEvent(RecordEventRequest request, ServerCallContext context)
    {
        var command = new Core.RecordEvent(request.RequestId, request.ProgramId, request.MemberId, request.EventType,
            NullIfEmpty(request.Reference), AccessInterceptor.Caller(context).Actor);
        command.Validate();
        var recorded = (await Member(command.ProgramId, command.MemberId).RecordEvent(command)).Unwrap();
        return new RecordEventResponse
        {
            EventId = recorded.EventId,
            Points = recorded.Points,
            Balance = recorded.BalanceAfter.ToProto(),
            CountInPeriod = recorded.CountInPeriod,
            PeriodEndsAt = recorded.PeriodEnd is { } end ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(end) : null,
        };
    }

    public override async Task<CancelEarningResponse> CancelEarning(CancelEarningRequest request, ServerCallContext context)
    {
        var caller = AccessInterceptor.Caller(context);
        var command = new Core.CancelEarning(request.RequestId, request.ProgramId, request.MemberId, caller.Actor,
            NullIfEmpty(request.TransactionId), NullIfEmpty(request.AdjustmentId), request.Reason.ToDomain(), request.Note)
        {
            ActorLimit = caller.MaxAdjustmentPoints,
        };
        command.Validate();
        var cancelled = (await Member(command.ProgramId, command.MemberId).CancelEarning(command)).Unwrap();
        return new CancelEarningResponse
        {
            PointsCancelled = cancelled.Points,
            PointsPendingCancelled = cancelled.PendingCancelled,
            Balance = cancelled.BalanceAfter.ToProto(),
        };
    }

    /// <summary>
    /// Debits the sender, credits the receiver by the transfer's id, and tells the sender: three idempotent steps, so
    /// a retry of the request after a failure anywhere finishes the same transfer. A transfer left in flight by a
    /// failure is also finished by the sender's own grain when it next wakes (timer, wake-up service).
    /// </summary>
    public override async Task<TransferPointsResponse> TransferPoints(TransferPointsRequest request, ServerCallContext context)
    {
        var command = new Core.TransferPoints(request.RequestId, request.ProgramId, request.MemberId, request.ToMemberId, request.Points,
            NullIfEmpty(request.Note));
        command.Validate();
        var receiver = Member(command.ProgramId, command.ToMemberId);
        var sender = Member(command.ProgramId, command.MemberId);
        var transfer = (await sender.TransferPoints(command with { RecipientEnrolled = await receiver.IsEnrolled() })).Unwrap();
        var sent = transfer.Sent;
        if (transfer.InFlight)
        {
            var credited = await receiver.ReceiveTransfer(Core.ReceiveTransfer.Of(command.ProgramId, command.MemberId, sent));
            await sender.SettleTransfer(sent.TransferId, refunded: credited.Error is not null);
            credited.Unwrap();
        }
        return new TransferPointsResponse { TransferId = sent.TransferId, Points = sent.Points, Balance = sent.BalanceAfter.ToProto() };
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>
    /// Reads the stream in batches and hands each to the program's importer while reading the next, so the database
    /// writes one batch as the network brings the following one. Only the first message's program_id can fail the whole
    /// call; everything else about a message is that member's failure.
    /// </summary>
    public override async Task<ImportMembersResponse> ImportMembers(IAsyncStreamReader<ImportMemberRequest> requestStream, ServerCallContext context)
    {
        var response = new ImportMembersResponse();
        IMemberImportGrain? importer = null;
        var batch = new ImportBatch();
        Task<(ImportBatch Batch, Core.ImportBatchOutcome Outcome)>? writing = null;
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            var message = requestStream.Current;
            var index = response.Received++;
            if (importer is null)
            {
                new RequestValidator().Id("program_id", message.ProgramId).ThrowIfInvalid();
                importer = grains.GetGrain<IMemberImportGrain>(message.ProgramId);
            }
            if (ToImport(message, out var enrolledAtInvalid) is { } member)
            {
                batch.Add(index, member);
            }
            else
            {
                AddFailure(response, index, message.MemberId, enrolledAtInvalid!.Reason, enrolledAtInvalid.Message, enrolledAtInvalid.Violations);
            }
            if (batch.Count == ImportBatchSize)
            {
                if (writing is not null)
                {
                    Tally(response, await writing);
                }
                writing = WriteAsync(importer, batch);
                batch = new ImportBatch();
            }
        }
        if (writing is not null)
        {
            Tally(response, await writing);
        }
        if (importer is not null && batch.Count > 0)
        {
            Tally(response, await WriteAsync(importer, batch));
        }
        var listed = response.Failures.OrderBy(f => f.Index).Take(MaxListedFailures).ToArray();
        response.Failures.Clear();
        response.Failures.AddRange(listed);
        return response;
    }

    private static async Task<(ImportBatch, Core.ImportBatchOutcome)> WriteAsync(IMemberImportGrain importer, ImportBatch batch) =>
        (batch, (await importer.Import(batch.Members.ToArray())).Unwrap());

    private static void Tally(ImportMembersResponse response, (ImportBatch Batch, Core.ImportBatchOutcome Outcome) written)
    {
        response.Imported += written.Outcome.Imported;
        response.Unchanged += written.Outcome.Unchanged;
        foreach (var failure in written.Outcome.Failures)
        {
            AddFailure(response, written.Batch.Indexes[failure.Position], failure.MemberId, failure.Reason, failure.Message, failure.Violations);
        }
    }

    private static void AddFailure(ImportMembersResponse response, long index, string memberId, string reason, string message,
        IReadOnlyList<FieldViolation>? violations)
    {
        response.Failed++;
        // Failures arrive up to two batches out of stream order (one is being written while the next is read), so a
        // little more than the limit is kept for the final sort to keep the first ones.
        if (response.Failures.Count < MaxListedFailures + 2 * ImportBatchSize)
        {
            var failure = new ImportFailure { Index = index, MemberId = memberId, Reason = reason, Message = message };
            failure.FieldViolations.AddRange((violations ?? []).Select(v => new ImportFieldViolation { Field = v.Field, Description = v.Description }));
            response.Failures.Add(failure);
        }
    }

    /// <summary>The member to import, or null with the violation if enrolled_at is not a timestamp at all; the domain checks the rest.</summary>
    private static Core.ImportMember? ToImport(ImportMemberRequest m, out LoyaltyError? enrolledAtInvalid)
    {
        enrolledAtInvalid = null;
        DateTimeOffset? enrolledAt;
        try
        {
            enrolledAt = m.EnrolledAt.ToDomain("enrolled_at");
        }
        catch (LoyaltyException invalid)
        {
            enrolledAtInvalid = invalid.Error;
            return null;
        }
        return new Core.ImportMember(m.ImportId, m.ProgramId, m.MemberId, m.CardAlias, enrolledAt, m.OpeningPoints, m.OpeningReason, m.TierId);
    }

    /// <summary>Members of one batch and where each was in the stream.</summary>
    private sealed class ImportBatch
    {
        public List<Core.ImportMember> Members { get; } = new(ImportBatchSize);

        public List<long> Indexes { get; } = new(ImportBatchSize);

        public int Count => Members.Count;

        public void Add(long index, Core.ImportMember member)
        {
            Indexes.Add(index);
            Members.Add(member);
        }
    }

    private IMemberGrain Member(string programId, string memberId) => members.Get(programId, memberId);

    /// <summary>The member's profile grain; INVALID_ARGUMENT if the ids cannot name a member (a request's other fields are the domain's to check).</summary>
    private IMemberProfileGrain Profile(string programId, string memberId)
    {
        new RequestValidator().Id("program_id", programId).Id("member_id", memberId).ThrowIfInvalid();
        return grains.GetGrain<IMemberProfileGrain>(MemberKey.For(programId, memberId));
    }

    private static string DeriveMemberId(string programId, string requestId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{programId}\n{requestId}"));
        return "m_" + Convert.ToHexStringLower(hash, 0, 12);
    }
}
