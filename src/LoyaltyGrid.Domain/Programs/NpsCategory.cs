namespace LoyaltyGrid.Domain.Programs;

/// <summary>Where a member's latest NPS answer puts it (promoters 9-10, passives 7-8, detractors 0-6), or no answer yet.</summary>
public enum NpsCategory
{
    Promoter = 1,
    Passive = 2,
    Detractor = 3,
    NotAnswered = 4,
}
