using ILGPU;
using ILGPU.Runtime;

namespace Microcircuit.Gpu;

/// <summary>
/// Device buffers a call's operands pass through: numbered slots, each grown to the longest operand it has held and kept,
/// so a steady state allocates nothing on the device. A call uploads its inputs into slots, runs its kernel and reads its
/// outputs back.
/// </summary>
internal sealed class Staging(Accelerator accelerator) : IDisposable
{
    private readonly List<MemoryBuffer1D<float, Stride1D.Dense>> _slots = [];
    private MemoryBuffer1D<double, Stride1D.Dense>? _partials;

    /// <summary>Slot <paramref name="slot"/> holding a copy of <paramref name="data"/>.</summary>
    public ArrayView<float> In(int slot, ReadOnlySpan<float> data)
    {
        var view = Sized(slot, data.Length);
        if (data.Length > 0) view.CopyFromCPU(data);
        return view;
    }

    /// <summary>Slot <paramref name="slot"/> with room for <paramref name="length"/> floats (contents undefined).</summary>
    public ArrayView<float> Out(int slot, int length) => Sized(slot, length);

    /// <summary>Copies the first <paramref name="destination"/>.Length floats of slot <paramref name="slot"/> back to the host.</summary>
    public void Back(int slot, Span<float> destination)
    {
        accelerator.Synchronize();
        if (destination.Length > 0) Whole(slot).SubView(0, destination.Length).CopyToCPU(destination);
    }

    /// <summary>A buffer of <paramref name="length"/> doubles for partial sums.</summary>
    public ArrayView<double> Partials(int length)
    {
        if (_partials is null || _partials.Length < length)
        {
            _partials?.Dispose();
            _partials = accelerator.Allocate1D<double>(length);
        }
        ArrayView<double> whole = _partials.View;
        return whole.SubView(0, length);
    }

    private ArrayView<float> Whole(int slot) => _slots[slot].View;

    private ArrayView<float> Sized(int slot, int length)
    {
        while (_slots.Count <= slot) _slots.Add(accelerator.Allocate1D<float>(1));
        if (_slots[slot].Length < length)
        {
            _slots[slot].Dispose();
            _slots[slot] = accelerator.Allocate1D<float>(Math.Max(length, 2 * _slots[slot].Length));
        }
        return Whole(slot).SubView(0, Math.Max(length, 1));
    }

    public void Dispose()
    {
        foreach (var buffer in _slots) buffer.Dispose();
        _partials?.Dispose();
    }
}
