namespace Microcircuit.Data;

/// <summary>
/// How raw pixel bytes become network inputs: <c>x = (p / Scale − Mean[c]) / Std[c]</c> for a pixel
/// <c>p</c> of channel <c>c</c>. A single-channel dataset has one-element <see cref="Mean"/> and <see cref="Std"/>.
/// </summary>
public sealed record Normalisation(float Scale, float[] Mean, float[] Std)
{
    /// <summary>Number of channels the constants describe.</summary>
    public int Channels => Mean.Length;
}
