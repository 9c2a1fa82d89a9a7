using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Microcircuit.Compute.Cpu;

/// <summary>
/// A gate shape as a kernel the LIF step can inline: g of a membrane value, in vector and scalar form with the same
/// operations in the same order, so a fused step writes exactly what <see cref="GateKernel.Evaluate"/> would.
/// </summary>
internal interface IGateShape
{
    /// <summary>False when the step evaluates no gate (inference).</summary>
    bool Writes { get; }

    Vector256<float> Of(Vector256<float> membrane);

    float Of(float membrane);
}

/// <summary>No gate evaluated.</summary>
internal readonly struct NoGate : IGateShape
{
    public bool Writes => false;

    public Vector256<float> Of(Vector256<float> membrane) => membrane;

    public float Of(float membrane) => membrane;
}

/// <summary>g = σ'((u − θ)/α)/α (see <see cref="LogisticGate"/>).</summary>
internal readonly struct LogisticShape(float threshold, float width) : IGateShape
{
    private readonly float _inverse = 1f / width;
    private readonly float _offset = -threshold * (1f / width);

    public bool Writes => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Of(Vector256<float> membrane) => LogisticGate.Slope(membrane, Vector256.Create(_inverse), Vector256.Create(_offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Of(float membrane) => LogisticGate.Slope(membrane, _inverse, _offset);
}

/// <summary>g = 1/(2w) where |u − θ| &lt; w, else 0.</summary>
internal readonly struct BoxcarShape(float threshold, float width) : IGateShape
{
    private readonly float _height = 0.5f / width;

    public bool Writes => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Of(Vector256<float> membrane) =>
        Vector256.LessThan(Vector256.Abs(membrane - Vector256.Create(threshold)), Vector256.Create(width)) & Vector256.Create(_height);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Of(float membrane) => MathF.Abs(membrane - threshold) < width ? _height : 0f;
}

/// <summary>g = 1.</summary>
internal readonly struct FlatShape : IGateShape
{
    public bool Writes => true;

    public Vector256<float> Of(Vector256<float> membrane) => Vector256<float>.One;

    public float Of(float membrane) => 1f;
}
