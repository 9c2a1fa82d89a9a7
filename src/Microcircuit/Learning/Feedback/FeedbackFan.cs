using Microcircuit.Layers;
using Microcircuit.Randomness;

namespace Microcircuit.Learning.Feedback;

/// <summary>
/// The size of one layer's feedback synapses and the fans that scale random draws: Xavier-uniform
/// U(−b, b), b = √(6/(fan_in + fan_out)). For a dense layer fan_in = inputs, fan_out = outputs; for a convolution
/// fan_in = C_in·k², fan_out = maps·k², and the synapses are the kernel's taps (shared across space).
/// </summary>
public readonly record struct FeedbackFan(int Synapses, int FanIn, int FanOut)
{
    public float XavierBound => MathF.Sqrt(6f / (FanIn + FanOut));

    public static FeedbackFan Dense(int outputs, int inputs) => new(outputs * inputs, inputs, outputs);

    public static FeedbackFan Of(SpikingLayer layer) => new(layer.Weights.Length, layer.FanIn, layer.FanOut);

    /// <summary>One Xavier-uniform draw U(−b, b) per synapse, drawn in order.</summary>
    public float[] XavierUniform(SeededRandom random)
    {
        float bound = XavierBound;
        var values = new float[Synapses];
        for (int i = 0; i < values.Length; i++) values[i] = bound * (2f * random.NextFloat() - 1f);
        return values;
    }

    /// <summary>The magnitudes of Xavier-uniform draws, U(0, b), one per synapse, drawn in order.</summary>
    public float[] XavierMagnitudes(SeededRandom random)
    {
        float bound = XavierBound;
        var values = new float[Synapses];
        for (int i = 0; i < values.Length; i++) values[i] = bound * random.NextFloat();
        return values;
    }
}
