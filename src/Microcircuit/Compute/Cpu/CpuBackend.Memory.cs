namespace Microcircuit.Compute.Cpu;

public sealed partial class CpuBackend
{
    public float[] Allocate(int length) => new float[length];

    public float[] Adopt(float[] array) => array;

    public void ToHost(float[] array)
    {
    }

    public void FromHost(float[] array)
    {
    }

    public void Clear(Span<float> destination) => destination.Clear();

    public void Copy(ReadOnlySpan<float> source, Span<float> destination) => source.CopyTo(destination);
}
