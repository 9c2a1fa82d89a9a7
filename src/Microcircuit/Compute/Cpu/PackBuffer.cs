using System.Runtime.CompilerServices;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// Per-thread, pinned, 64-byte aligned scratch for packed panels. It grows on demand and is kept, so
/// steady-state GEMM calls allocate nothing.
/// </summary>
internal sealed unsafe class PackBuffer
{
    [ThreadStatic] private static PackBuffer? forA;
    [ThreadStatic] private static PackBuffer? forB;

    private float[] storage = [];
    private float* aligned;
    private int capacity;

    public static float* A(int length) => (forA ??= new PackBuffer()).Get(length);

    public static float* B(int length) => (forB ??= new PackBuffer()).Get(length);

    private float* Get(int length)
    {
        if (length > capacity)
        {
            storage = GC.AllocateUninitializedArray<float>(length + 16, pinned: true);
            var start = (nint)Unsafe.AsPointer(ref storage[0]);
            aligned = (float*)((start + 63) & ~(nint)63);
            capacity = length;
        }
        return aligned;
    }
}
