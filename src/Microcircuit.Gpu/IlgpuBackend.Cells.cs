using Microcircuit.Compute;

namespace Microcircuit.Gpu;

public sealed partial class IlgpuBackend
{
    public float LifStep(in LifConstants cells, GateFunction? gate, ReadOnlySpan<float> input, float scale, Span<float> membrane, Span<float> spikes,
        Span<float> trace, Span<float> gateOut)
    {
        int n = input.Length;
        if (n == 0) return 0f;
        int curve = gate is { } g ? (int)g.Curve : -1;
        float width = gate?.Width ?? 1f;
        var count = _staging.In(5, [0f]);
        _lif(n, cells, curve, width, _staging.In(0, input), scale, _staging.In(1, membrane[..n]), _staging.In(2, spikes[..n]), _staging.In(3, trace[..n]),
            curve >= 0 ? _staging.Out(4, gateOut[..n]) : _staging.Scratch(4, n), count);
        _staging.Back(1, membrane[..n]);
        _staging.Back(2, spikes[..n]);
        _staging.Back(3, trace[..n]);
        if (curve >= 0) _staging.Back(4, gateOut[..n]);
        Span<float> fired = stackalloc float[1];
        _staging.Back(5, fired);
        return fired[0];
    }

    public void EvaluateGate(in GateFunction gate, ReadOnlySpan<float> membrane, Span<float> gateOut)
    {
        int n = membrane.Length;
        if (n == 0) return;
        _gate(n, _staging.In(0, membrane), _staging.Out(1, gateOut[..n]), (int)gate.Curve, gate.Threshold, gate.Width);
        _staging.Back(1, gateOut[..n]);
    }

    public void Filter(float decay, float gain, ReadOnlySpan<float> input, Span<float> trace)
    {
        int n = input.Length;
        if (n == 0) return;
        _filter(n, decay, gain, _staging.In(0, input), _staging.In(1, trace[..n]));
        _staging.Back(1, trace[..n]);
    }

    public void Eligibility(float decay, ReadOnlySpan<float> trace, Span<float> eligibility)
    {
        int n = trace.Length;
        if (n == 0) return;
        _eligibility(n, decay, _staging.In(0, trace), _staging.In(1, eligibility[..n]));
        _staging.Back(1, eligibility[..n]);
    }
}
