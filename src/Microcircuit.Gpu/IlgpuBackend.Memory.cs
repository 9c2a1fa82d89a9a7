using ILGPU;
using ILGPU.Runtime;

namespace Microcircuit.Gpu;

public sealed partial class IlgpuBackend
{
    public float[] Allocate(int length) => _arrays.Allocate(length);

    public float[] Adopt(float[] array) => _arrays.Adopt(array);

    public void ToHost(float[] array) => _arrays.ToHost(array);

    public void FromHost(float[] array) => _arrays.FromHost(array);

    /// <summary>Zeroes a kept array where it lies; any other span is cleared on the host.</summary>
    public void Clear(Span<float> destination)
    {
        if (_arrays.TryView(destination, out var view))
        {
            view.MemSetToZero();
            _arrays.Wrote(destination);
        }
        else destination.Clear();
    }

    /// <summary>A device copy when either side is kept on the device; a host copy otherwise.</summary>
    public void Copy(ReadOnlySpan<float> source, Span<float> destination)
    {
        int n = source.Length;
        if (n == 0) return;
        if (source.Overlaps(destination)) throw new ArgumentException("Copy's source and destination overlap.", nameof(destination));
        if (!_arrays.Holds(source) && !_arrays.Holds(destination[..n]))
        {
            source.CopyTo(destination);
            return;
        }
        _staging.In(0, source).CopyTo(_staging.Out(1, destination[..n]));
        _staging.Back(1, destination[..n]);
    }
}
