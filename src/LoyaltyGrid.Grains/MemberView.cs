using LoyaltyGrid.Domain.Members;

namespace LoyaltyGrid.Grains;

[GenerateSerializer, Immutable, Alias("lg.MemberView")]
public sealed record MemberView(
    [property: Id(0)] MemberProfile Profile,
    [property: Id(1)] Balance Balance,
    [property: Id(2)] MemberOverview Overview);
