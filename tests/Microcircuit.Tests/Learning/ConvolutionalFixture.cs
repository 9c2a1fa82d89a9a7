using Microcircuit.Circuits;
using Microcircuit.Encoding;
using Microcircuit.Layers;
using Microcircuit.Learning;
using Microcircuit.Randomness;
using Microcircuit.Tests.Layers;

namespace Microcircuit.Tests.Learning;

/// <summary>
/// The small convolutional network the convolutional rule tests share (convolution, spiking pool, convolution, dense,
/// dense output), a recorded pass on it, its layers as naive wirings (<see cref="NaiveWiring"/>), and a rule made for it.
/// </summary>
internal static class ConvolutionalFixture
{
    private static readonly ImageShape Input = new(2, 8, 8);
    private const string Net = "3C3p1-P2-4C3-6-3";   // 3×8×8 → 3×4×4 → 4×2×2 → 6 → 3
    private const int Batch = 3, Steps = 6;
    public const float PoolThreshold = 0.6f;

    public static NetworkShape Shape => NetworkNotation.Parse(Net, Input, classes: 3);

    public static RecordedPass Pass(EncoderKind encoder, ulong seed = 5) =>
        new(Shape, Batch, Steps, InputEncoders.Create(encoder, Steps), seed, weightScale: encoder == EncoderKind.Rate ? 4f : 2f,
            poolThreshold: PoolThreshold, bias: true);

    public static NaiveWiring[] Wirings(NetworkShape shape) =>
        Enumerable.Range(0, shape.Layers.Count).Select(l => new NaiveWiring(shape.Layers[l], shape.Shapes[l])).ToArray();

    public static ICreditAssignment Rule(string name, SpikingNetwork network, ulong seed = 3, ErrorCellMode cells = ErrorCellMode.Graded) =>
        CreditAssignmentRules.Create(name, network, cells, 0.5f, new SeededRandom(seed), new SeededRandom(seed + 100));
}
