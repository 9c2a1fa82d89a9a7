namespace Microcircuit.Gpu;

/// <summary>Floats moved between host and device since the back end opened, each way (<see cref="IlgpuBackend.Transfers"/>).</summary>
public sealed class TransferCounter
{
    /// <summary>Floats copied from the host to the device.</summary>
    public long FloatsToDevice { get; private set; }

    /// <summary>Floats copied from the device to the host (a reduction's one double counts as two).</summary>
    public long FloatsToHost { get; private set; }

    internal void ToDevice(long floats) => FloatsToDevice += floats;

    internal void ToHost(long floats) => FloatsToHost += floats;
}
