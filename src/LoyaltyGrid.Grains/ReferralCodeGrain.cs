using LoyaltyGrid.Domain.Referrals;
using LoyaltyGrid.Storage;
using LoyaltyGrid.Storage.Formats;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoyaltyGrid.Grains;

/// <summary>One referral code: its owner (a member or a coalition partner), the one claim in its journal.</summary>
public sealed class ReferralCodeGrain(
    IJournal journal,
    IEventStore store,
    [FromKeyedServices(LoyaltyClock.Key)] TimeProvider time,
    ILogger<ReferralCodeGrain> logger) : Grain, IReferralCodeGrain
{
    private JournaledStream<ReferralCodeClaimed?, ReferralCodeClaimed>? stream;

    /// <summary>"referral-code/{program_id}/{code}".</summary>
    public static string StreamOf(string grainKey) => "referral-code/" + grainKey;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        stream = new JournaledStream<ReferralCodeClaimed?, ReferralCodeClaimed>(
            StreamOf(this.GetPrimaryKeyString()), null, journal, store, ReferralCodeEventCodec.Instance,
            static (s, e, _) => s ?? e, DeactivateOnIdle, logger);
        await stream.LoadAsync(cancellationToken);
    }

    public async Task<bool> Claim(string memberId, DateTimeOffset? expiresAt)
    {
        if (stream!.State is { } claimed)
        {
            return claimed.PartnerId is null && claimed.MemberId == memberId;
        }
        // An append of unknown outcome drops the activation (the stream does), so a retry sees the durable owner.
        await stream.AppendAsync([new ReferralCodeClaimed(memberId, expiresAt, time.GetUtcNow())]);
        return true;
    }

    public async Task<bool> ClaimForPartner(string partnerId)
    {
        if (stream!.State is { } claimed)
        {
            return claimed.PartnerId == partnerId;
        }
        await stream.AppendAsync([new ReferralCodeClaimed("", null, time.GetUtcNow()) { PartnerId = partnerId }]);
        return true;
    }

    public Task<ReferralCodeOwner?> Owner() =>
        Task.FromResult(stream!.State is { } claimed
            ? new ReferralCodeOwner(claimed.MemberId, claimed.ExpiresAt) { PartnerId = claimed.PartnerId }
            : null);
}
