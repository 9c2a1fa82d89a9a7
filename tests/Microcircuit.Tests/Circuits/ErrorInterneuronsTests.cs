using Microcircuit.Compute.Cpu;
using Microcircuit.Circuits;
using Microcircuit.Randomness;

namespace Microcircuit.Tests.Circuits;

public sealed class ErrorInterneuronsTests
{
    private static readonly float[] Delta = Enumerable.Range(0, 19).Select(i => (i - 9) * 0.05f).ToArray();   // signed, with a zero

    [Fact]
    public void Graded_cells_split_the_error_into_its_positive_and_negative_parts()
    {
        var cells = new ErrorInterneurons(19, ErrorCellMode.Graded, 1f, null);
        cells.Reset(1);
        cells.Drive(Delta, CpuBackend.Serial);
        for (int i = 0; i < Delta.Length; i++)
        {
            Assert.Equal(MathF.Max(Delta[i], 0f), cells.Positive[i]);
            Assert.Equal(MathF.Max(-Delta[i], 0f), cells.Negative[i]);
            Assert.Equal(Delta[i], cells.Net[i]);
            Assert.Equal(cells.Net[i], cells.Positive[i] - cells.Negative[i]);
        }
        // A later step's drive replaces what the pair shows.
        var next = Delta.Select(d => -2 * d).ToArray();
        cells.Drive(next, CpuBackend.Serial);
        Assert.Equal(MathF.Max(next[0], 0f), cells.Positive[0]);
        Assert.Equal(MathF.Max(-next[0], 0f), cells.Negative[0]);
    }

    [Theory]
    [InlineData(ErrorCellMode.Graded)]
    [InlineData(ErrorCellMode.Spiking)]
    public void Driving_with_the_input_sum_equals_driving_then_adding_the_activity_bit_for_bit(ErrorCellMode mode)
    {
        const int n = 21;   // two vectors and a tail
        var random = new SeededRandom(8);
        var gate = Enumerable.Range(0, n).Select(_ => random.NextFloat()).ToArray();
        var fused = new ErrorInterneurons(n, mode, 0.5f, mode == ErrorCellMode.Spiking ? new SeededRandom(5) : null);
        var apart = new ErrorInterneurons(n, mode, 0.5f, mode == ErrorCellMode.Spiking ? new SeededRandom(5) : null);
        fused.Reset(1);
        apart.Reset(1);
        float[] fusedSum = new float[n], apartSum = new float[n];
        for (int step = 1; step <= 4; step++)
        {
            var potential = Enumerable.Range(0, n).Select(_ => 0.4f * random.NextGaussian()).ToArray();
            float gain = 0.3f * step;
            fused.Drive(gate, potential, fusedSum, gain, CpuBackend.Serial);
            apart.Drive(gate, potential, CpuBackend.Serial);
            System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(apart.Net.AsSpan(0, n), gain, apartSum, apartSum);
            Assert.Equal(apart.Net, fused.Net);
            Assert.Equal(apartSum, fusedSum);
        }
        Assert.Contains(fusedSum, v => v != 0f);
    }

    [Fact]
    public void Spiking_cells_fire_one_of_the_pair_with_delta_max_and_carry_the_error_on_average()
    {
        const float dmax = 0.5f;
        var cells = new ErrorInterneurons(19, ErrorCellMode.Spiking, dmax, new SeededRandom(3));
        cells.Reset(1);
        var mean = new double[19];
        const int steps = 20000;
        for (int s = 0; s < steps; s++)
        {
            cells.Drive(Delta, CpuBackend.Serial);
            for (int i = 0; i < 19; i++)
            {
                Assert.True(cells.Positive[i] is 0f or dmax && cells.Negative[i] is 0f or dmax);
                Assert.False(cells.Positive[i] > 0 && cells.Negative[i] > 0);
                if (Delta[i] >= 0) Assert.Equal(0f, cells.Negative[i]);
                mean[i] += cells.Net[i] / (double)steps;
            }
        }
        for (int i = 0; i < 19; i++) Assert.Equal(Delta[i], mean[i], 0.02);
    }
}
