namespace LoyaltyGrid.Baseline;

/// <summary>One member's points, kept the Orleans-default way: the whole state written per change. Key: <c>{program_id}/{member_id}</c>.</summary>
[Alias("lgb.IBaselineMemberGrain")]
public interface IBaselineMemberGrain : IGrainWithStringKey
{
    [Alias("Enroll")]
    Task<BaselineReply> Enroll(string requestId);

    [Alias("RecordPurchase")]
    Task<BaselineReply> RecordPurchase(BaselinePurchase purchase);
}
