using Microcircuit.Layers;

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
}
