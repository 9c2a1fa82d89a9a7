namespace Microcircuit.Compute.Cpu;

/// <summary>
/// For one kernel tap offset along one axis, the output positions [First, End) whose input coordinate
/// o·stride − padding + tap lies inside [0, size); the rest read zero padding.
/// </summary>
internal readonly record struct ColumnRange(int First, int End)
{
    public static ColumnRange For(int tap, int size, int outputs, int stride, int padding)
    {
        int shift = padding - tap; // input = o·stride − shift
        int first = shift <= 0 ? 0 : (shift + stride - 1) / stride;
        int last = size - 1 + shift; // o·stride ≤ last
        int end = last < 0 ? 0 : Math.Min(outputs, last / stride + 1);
        return new ColumnRange(Math.Min(first, end), end);
    }
}
