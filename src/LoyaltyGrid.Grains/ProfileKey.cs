namespace LoyaltyGrid.Grains;

/// <summary>
/// Profile grains are keyed like their member (<see cref="MemberKey"/>); their stream is apart from the member's, so a
/// privacy erasure can drop <c>profile/{program_id}/{member_id}</c> and leave the points journal whole.
/// </summary>
public static class ProfileKey
{
    public static string StreamOf(string grainKey) => "profile/" + grainKey;
}
