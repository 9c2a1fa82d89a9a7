namespace Microcircuit.Compute.Cpu;

/// <summary>
/// Scratch owned by one caller of <see cref="SpikeConvolution"/>: the per-position spike masks of one image and its
/// position-major window sums, grown on demand and kept, so steady-state calls allocate nothing, plus one such
/// workspace per extra thread of a split call. Not safe to share between callers running at once.
/// </summary>
public sealed class SpikeConvolutionWorkspace
{
    private ulong[] _masks = [];
    private float[] _sums = [];
    private SpikeConvolutionWorkspace[] _parts = [];

    internal Span<ulong> Masks(int length)
    {
        if (_masks.Length < length) _masks = new ulong[length];
        return _masks.AsSpan(0, length);
    }

    internal Span<float> Sums(int length)
    {
        if (_sums.Length < length) _sums = GC.AllocateUninitializedArray<float>(length);
        return _sums.AsSpan(0, length);
    }

    /// <summary>Makes sure <see cref="Part"/> has a workspace for each of <paramref name="count"/> threads.</summary>
    internal void Reserve(int count)
    {
        if (count - 1 <= _parts.Length) return;
        var grown = new SpikeConvolutionWorkspace[count - 1];
        _parts.CopyTo(grown, 0);
        for (int i = _parts.Length; i < grown.Length; i++) grown[i] = new SpikeConvolutionWorkspace();
        _parts = grown;
    }

    /// <summary>The workspace of thread <paramref name="part"/> (part 0 is this one).</summary>
    internal SpikeConvolutionWorkspace Part(int part) => part == 0 ? this : _parts[part - 1];
}
