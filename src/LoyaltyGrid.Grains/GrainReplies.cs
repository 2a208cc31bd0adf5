using LoyaltyGrid.Domain;

namespace LoyaltyGrid.Grains;

internal static class GrainReplies
{
    /// <summary>Runs a grain operation, turning a domain refusal into a reply.</summary>
    public static async Task<GrainReply<T>> Run<T>(Func<Task<T>> operation)
    {
        try
        {
            return new GrainReply<T>(await operation(), null);
        }
        catch (LoyaltyException refused)
        {
            return new GrainReply<T>(default, refused.Error);
        }
    }
}
