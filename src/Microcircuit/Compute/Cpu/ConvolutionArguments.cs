namespace Microcircuit.Compute.Cpu;

/// <summary>Checks the span lengths and counts handed to the convolution and pooling kernels.</summary>
internal static class ConvolutionArguments
{
    public static void Need(int length, long required, string name)
    {
        if (length < required)
        {
            throw new ArgumentException($"Span '{name}' holds {length} floats but needs {required}.", name);
        }
    }

    public static void Batch(int batch)
    {
        if (batch < 0)
        {
            throw new ArgumentException($"batch must be non-negative (got {batch}).", nameof(batch));
        }
    }
}
