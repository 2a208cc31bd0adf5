namespace LoyaltyGrid.Domain.Programs;

/// <summary>Ends an event rule now: events of its type are refused from now on (points already given stay).</summary>
public sealed record EndEventRule(string RequestId, string ProgramId, string Actor, string EventType) : IProgramCommand
{
    public void Validate() => new RequestValidator()
        .RequestId("request_id", RequestId)
        .Id("program_id", ProgramId)
        .Id("event_type", EventType)
        .ThrowIfInvalid();
}
