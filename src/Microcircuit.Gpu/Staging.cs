using ILGPU;
using ILGPU.Runtime;

namespace Microcircuit.Gpu;

/// <summary>
/// How a call's operands reach the device. A span inside an array the device keeps (<see cref="DeviceArrays"/>) is used
/// where it lies; any other span passes through numbered slots, each grown to the longest operand it has held and kept (so
/// a steady state allocates nothing on the device): a call uploads such inputs into slots, runs its kernel and reads such
/// outputs back.
/// </summary>
internal sealed class Staging(Accelerator accelerator, DeviceArrays arrays, TransferCounter transfers) : IDisposable
{
    private readonly List<MemoryBuffer1D<float, Stride1D.Dense>> _slots = [];
    private MemoryBuffer1D<double, Stride1D.Dense>? _partials;

    /// <summary>The device copy of an input: where it lies when kept on the device, else slot <paramref name="slot"/> holding a copy.</summary>
    public ArrayView<float> In(int slot, ReadOnlySpan<float> data)
    {
        if (arrays.TryView(data, out var kept)) return kept;
        var view = Sized(slot, data.Length);
        if (data.Length > 0)
        {
            view.CopyFromCPU(data);
            transfers.ToDevice(data.Length);
        }
        return view;
    }

    /// <summary>Where a kernel writes <paramref name="destination"/>: its device copy when kept, else slot <paramref name="slot"/> (read back by <see cref="Back"/>).</summary>
    public ArrayView<float> Out(int slot, ReadOnlySpan<float> destination) =>
        arrays.TryView(destination, out var kept) ? kept : Sized(slot, destination.Length);

    /// <summary>Slot <paramref name="slot"/> with room for <paramref name="length"/> floats (contents undefined), for a kernel's unused or private operand.</summary>
    public ArrayView<float> Scratch(int slot, int length) => Sized(slot, length);

    /// <summary>After a kernel wrote <paramref name="destination"/> (through <see cref="In"/> or <see cref="Out"/> of the same slot): notes the device copy as newer when kept, else copies the slot back to the host.</summary>
    public void Back(int slot, Span<float> destination)
    {
        if (arrays.Wrote(destination)) return;
        accelerator.Synchronize();
        if (destination.Length > 0)
        {
            Whole(slot).SubView(0, destination.Length).CopyToCPU(destination);
            transfers.ToHost(destination.Length);
        }
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
