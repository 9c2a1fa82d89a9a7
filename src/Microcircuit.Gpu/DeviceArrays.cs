using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;

namespace Microcircuit.Gpu;

/// <summary>
/// The arrays the back end keeps on its device (<see cref="Microcircuit.Compute.IDeviceMemory"/>): each is a pinned host
/// array (it never moves, so a span into it is recognised by its address) with a device buffer of the same length, and a
/// note of which copy is newer. An operation finds its operands here and works on their device buffers; the host copy is
/// brought up to date only by <see cref="ToHost"/>, and the device copy is renewed after <see cref="FromHost"/>. Arrays are
/// held weakly: when their owner lets go of one, its device buffer is freed at a later allocation.
/// <para>
/// With <c>check</c> on (the tests), the protocol is checked: a host copy that went stale is filled with a NaN pattern, so
/// a host read that skipped <see cref="ToHost"/> yields NaN, and a host write that skipped <see cref="FromHost"/> is found
/// at the next device use and throws.
/// </para>
/// </summary>
internal sealed class DeviceArrays(Accelerator accelerator, bool check, TransferCounter transfers) : IDisposable
{
    /// <summary>The stale-host-copy pattern: a quiet NaN no arithmetic produces.</summary>
    private const int Stale = 0x7FC0_57A1;

    private enum Newer { Neither, Host, Device }

    private sealed class Entry(nint start, float[] array, MemoryBuffer1D<float, Stride1D.Dense> buffer)
    {
        public nint Start { get; } = start;
        public int Length { get; } = array.Length;
        public WeakReference<float[]> Array { get; } = new(array);
        public MemoryBuffer1D<float, Stride1D.Dense> Buffer { get; } = buffer;
        public Newer Newer { get; set; }
        public nint End => Start + (nint)Length * sizeof(float);
        public ArrayView<float> View => Buffer.View;
    }

    private readonly List<Entry> _entries = [];   // sorted by start address
    private float[] _compare = [];

    public float[] Allocate(int length)
    {
        if (length == 0) return [];
        var array = GC.AllocateArray<float>(length, pinned: true);
        Prune();   // after the allocation: a collection it set off may have freed an array at the same address
        var buffer = accelerator.Allocate1D<float>(length);
        buffer.MemSetToZero();
        Insert(new Entry(AddressOf(array), array, buffer));
        return array;
    }

    public float[] Adopt(float[] array)
    {
        if (array.Length == 0) return array;
        if (Find(array) is { } kept)
        {
            // Handed back after the host computed on it (a network moved to the CPU and back): the host copy is the news.
            if (kept.Newer == Newer.Neither) kept.Newer = Newer.Host;
            return array;
        }
        var adopted = Allocate(array.Length);
        array.CopyTo(adopted);
        Find(adopted)!.Newer = Newer.Host;
        return adopted;
    }

    public void ToHost(float[] array)
    {
        if (array.Length == 0 || Find(array) is not { Newer: Newer.Device } entry) return;
        accelerator.Synchronize();
        entry.View.CopyToCPU(array.AsSpan());
        transfers.ToHost(array.Length);
        entry.Newer = Newer.Neither;
    }

    public void FromHost(float[] array)
    {
        if (array.Length == 0 || Find(array) is not { } entry) return;
        entry.Newer = Newer.Host;
    }

    /// <summary>The device view of <paramref name="span"/> when it lies in a kept array (its device copy made current); else false.</summary>
    public bool TryView(ReadOnlySpan<float> span, out ArrayView<float> view)
    {
        view = default;
        if (span.IsEmpty || Locate(span) is not { } entry) return false;
        if (!entry.Array.TryGetTarget(out var array)) return false;
        if (entry.Newer == Newer.Host)
        {
            entry.View.CopyFromCPU(array.AsSpan());
            transfers.ToDevice(array.Length);
            entry.Newer = Newer.Neither;
        }
        else if (check) Verify(entry, array);
        long offset = (AddressOf(span) - entry.Start) / sizeof(float);
        view = entry.View.SubView(offset, span.Length);
        return true;
    }

    /// <summary>Whether <paramref name="span"/> lies in an array kept on the device.</summary>
    public bool Holds(ReadOnlySpan<float> span) => !span.IsEmpty && Locate(span) is { } entry && entry.Array.TryGetTarget(out _);

    /// <summary>Notes that a kernel wrote <paramref name="span"/>'s device copy; false when it is not in a kept array.</summary>
    public bool Wrote(ReadOnlySpan<float> span)
    {
        if (span.IsEmpty || Locate(span) is not { } entry) return false;
        if (!entry.Array.TryGetTarget(out var array)) return false;
        entry.Newer = Newer.Device;
        if (check) MemoryMarshal.Cast<float, int>(array.AsSpan()).Fill(Stale);
        return true;
    }

    /// <summary>Throws when the host changed a kept array without saying so.</summary>
    private void Verify(Entry entry, float[] array)
    {
        var host = MemoryMarshal.Cast<float, int>(array.AsSpan());
        if (entry.Newer == Newer.Device)
        {
            if (host.IndexOfAnyExcept(Stale) >= 0)
                throw new InvalidOperationException($"The host wrote an array of {array.Length} floats that the device holds without FromHost (docs/gpu.md, residency).");
            return;
        }
        if (_compare.Length < array.Length) _compare = new float[array.Length];
        var device = _compare.AsSpan(0, array.Length);
        accelerator.Synchronize();
        entry.View.CopyToCPU(device);
        if (!host.SequenceEqual(MemoryMarshal.Cast<float, int>(device)))
            throw new InvalidOperationException($"The host changed an array of {array.Length} floats that the device holds without FromHost (docs/gpu.md, residency).");
    }

    private Entry? Find(float[] array)
    {
        var entry = Locate(array);
        return entry is not null && entry.Array.TryGetTarget(out var held) && ReferenceEquals(held, array) ? entry : null;
    }

    private Entry? Locate(ReadOnlySpan<float> span)
    {
        nint address = AddressOf(span);
        int lo = 0, hi = _entries.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var entry = _entries[mid];
            if (address < entry.Start) hi = mid - 1;
            else if (address >= entry.End) lo = mid + 1;
            else return address + (nint)span.Length * sizeof(float) <= entry.End ? entry : null;
        }
        return null;
    }

    private void Insert(Entry entry)
    {
        int at = 0;
        while (at < _entries.Count && _entries[at].Start < entry.Start) at++;
        _entries.Insert(at, entry);
    }

    /// <summary>Frees the device buffers of arrays nobody holds any more.</summary>
    private void Prune()
    {
        for (int i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Array.TryGetTarget(out _)) continue;
            _entries[i].Buffer.Dispose();
            _entries.RemoveAt(i);
        }
    }

    private static unsafe nint AddressOf(ReadOnlySpan<float> span) => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));

    public void Dispose()
    {
        foreach (var entry in _entries) entry.Buffer.Dispose();
        _entries.Clear();
    }
}
