using Microcircuit.Compute.Cpu;
using Microcircuit.Neurons;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Neurons;

public sealed class LifNeuronTests
{
    [Fact]
    public void Step_matches_the_scalar_equations_on_an_odd_population_over_many_steps()
    {
        var p = LifParameters.Default;
        const int n = 37;   // four vectors and a tail
        var random = new SeededRandom(4);
        float[] u = new float[n], s = new float[n], a = new float[n];
        double[] ru = new double[n], rs = new double[n], ra = new double[n];
        int spikes = 0;
        for (int t = 0; t < 20; t++)
        {
            var current = Enumerable.Range(0, n).Select(_ => 0.6f * random.NextGaussian() + 0.3f).ToArray();
            LifKernel.Step(p.Constants, current, u, s, a);
            for (int i = 0; i < n; i++)
            {
                ru[i] = 0.8 * ru[i] * (1 - rs[i]) + current[i];
                rs[i] = ru[i] > 1.0 ? 1 : 0;
                ra[i] = (2.0 / 3.0) * ra[i] + rs[i] / 3.0;
                Assert.Equal(rs[i], s[i]);
                Assert.Equal(ru[i], u[i], 1e-5);
                Assert.Equal(ra[i], a[i], 1e-6);
                spikes += (int)s[i];
            }
        }
        Assert.InRange(spikes, 20, 20 * n - 20);   // both spiking and silent steps were exercised
    }

    [Fact]
    public void Threshold_is_strict_and_a_spike_resets_the_membrane_on_the_next_step()
    {
        var p = LifParameters.Default;
        float[] u = [0f], s = [0f], a = [0f];
        LifKernel.Step(p.Constants, [1f], u, s, a);
        Assert.Equal(0f, s[0]);               // u = θ exactly does not fire
        LifKernel.Step(p.Constants, [0.5f], u, s, a);   // u = 0.8 + 0.5 = 1.3 > θ
        Assert.Equal(1f, s[0]);
        Assert.Equal(1f / 3f, a[0], 6);
        LifKernel.Step(p.Constants, [0.25f], u, s, a);  // reset: u = 0·… + 0.25
        Assert.Equal(0.25f, u[0], 6);
        Assert.Equal(0f, s[0]);
    }

    [Theory]
    [InlineData(GateKind.Logistic)]
    [InlineData(GateKind.Boxcar)]
    [InlineData(GateKind.None)]
    public void Gate_over_a_population_equals_the_scalar_gate(GateKind kind)
    {
        var gate = new SurrogateGradient(kind, 0.2f);
        var u = Enumerable.Range(0, 29).Select(i => -2f + i * 0.15f).ToArray();
        var g = new float[u.Length];
        CpuBackend.Serial.EvaluateGate(gate.Function(1f), u, g);
        for (int i = 0; i < u.Length; i++) Assert.Equal(At(gate, u[i], 1f), g[i]);   // same operations, same bits
    }

    [Theory]
    [InlineData(GateKind.Logistic, 1f)]
    [InlineData(GateKind.Logistic, 0.4375f)]
    [InlineData(GateKind.Boxcar, 0.4375f)]
    [InlineData(GateKind.None, 1.5f)]
    public void Fused_step_writes_the_same_bits_as_scaling_stepping_and_gating_one_after_another_and_counts_its_spikes(GateKind kind, float scale)
    {
        var p = new LifParameters(5f, 3f, 0.8f);
        var gate = new SurrogateGradient(kind, 0.3f);
        const int n = 45;   // five vectors and a tail
        var random = new SeededRandom(11);
        float[] u = new float[n], s = new float[n], a = new float[n], g = new float[n];
        float[] ru = new float[n], rs = new float[n], ra = new float[n], rg = new float[n], current = new float[n];
        int spikes = 0;
        for (int t = 0; t < 12; t++)
        {
            var input = Enumerable.Range(0, n).Select(_ => 1.2f * random.NextGaussian() + 0.5f).ToArray();
            float fired = LifKernel.Step(p.Constants, gate.Function(p.Threshold), input, scale, u, s, a, g);

            System.Numerics.Tensors.TensorPrimitives.Multiply(input, scale, current);
            LifKernel.Step(p.Constants, current, ru, rs, ra);
            CpuBackend.Serial.EvaluateGate(gate.Function(p.Threshold), ru, rg);
            Assert.Equal(ru, u);
            Assert.Equal(rs, s);
            Assert.Equal(ra, a);
            Assert.Equal(rg, g);
            Assert.Equal(s.Sum(), fired);   // the step counts what it fired
            spikes += (int)s.Sum();
        }
        Assert.InRange(spikes, 1, 12 * n - 1);   // both branches of the threshold were taken

        var untouched = Enumerable.Repeat(7f, n).ToArray();
        LifKernel.Step(p.Constants, null, current, 1f, u, s, a, untouched);
        Assert.All(untouched, v => Assert.Equal(7f, v));   // inference: no gate written
    }

    [Fact]
    public void Logistic_gate_is_the_derivative_of_the_logistic_function_to_float_precision()
    {
        var gate = new SurrogateGradient(GateKind.Logistic, 0.2f);
        var u = Enumerable.Range(0, 4001).Select(i => -1f + i * 0.001f).ToArray();   // z from −10 to +10: clipping included
        var g = new float[u.Length];
        CpuBackend.Serial.EvaluateGate(gate.Function(1f), u, g);
        for (int i = 0; i < u.Length; i++)
        {
            double z = Math.Clamp((u[i] - 1.0) / 0.2, -8, 8);
            double sigma = 1 / (1 + Math.Exp(-z));
            double exact = sigma * (1 - sigma) / 0.2;
            Assert.True(Math.Abs(g[i] - exact) <= 1e-6 * exact, $"u = {u[i]}: {g[i]} vs {exact}");
        }
    }

    [Fact]
    public void Logistic_gate_peaks_at_threshold_with_one_over_four_alpha_and_is_clipped_far_away()
    {
        var gate = SurrogateGradient.Default;
        Assert.Equal(1.25f, At(gate, 1f, 1f), 5);
        float far = At(gate, 100f, 1f), edge = At(gate, 1f + 8 * 0.2f, 1f);
        Assert.Equal(edge, far, 7);
        Assert.True(far > 0f && far < 2e-3f);
    }

    [Fact]
    public void Unit_response_is_the_filtered_constant_input()
    {
        var p = LifParameters.Default;
        float[] trace = [0f];
        for (int t = 1; t <= 6; t++)
        {
            CpuBackend.Serial.Filter(p.TraceDecay, p.TraceGain, [1f], trace);
            Assert.Equal(trace[0], SynapticTrace.UnitResponse(p, t));
            Assert.Equal(1 - Math.Pow(2.0 / 3.0, t), SynapticTrace.UnitResponse(p, t), 1e-6);
        }
    }

    /// <summary>g at one membrane value, through the back end.</summary>
    private static float At(SurrogateGradient gate, float membrane, float threshold)
    {
        var g = new float[1];
        CpuBackend.Serial.EvaluateGate(gate.Function(threshold), [membrane], g);
        return g[0];
    }
}
