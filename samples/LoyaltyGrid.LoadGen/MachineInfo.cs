using System.Runtime.InteropServices;

namespace LoyaltyGrid.LoadGen;

/// <summary>Where the load generator ran, so results from different machines are not compared blindly.</summary>
internal sealed record MachineInfo(int ProcessorCount, string Os, string Runtime)
{
    public static MachineInfo Current { get; } = new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);
}
