using Microcircuit.Errors;

namespace Microcircuit.Layers;

/// <summary>Sizes of a fully connected network: input, hidden layers, output (e.g. 784-800-10).</summary>
public sealed record NetworkShape(int Inputs, IReadOnlyList<int> Hidden, int Outputs)
{
    /// <summary>The largest layer <c>--hidden</c> accepts.</summary>
    public const int MaxLayerSize = 1_000_000;

    public IReadOnlyList<int> LayerSizes => [Inputs, .. Hidden, Outputs];

    public override string ToString() => string.Join('-', LayerSizes);

    /// <summary>
    /// Throws a one-line InvalidOption error when a layer's weight matrix (inputs × outputs) cannot be held in one array.
    /// </summary>
    public void ThrowIfTooLarge()
    {
        var sizes = LayerSizes;
        for (int l = 1; l < sizes.Count; l++)
        {
            long weights = (long)sizes[l - 1] * sizes[l];
            if (weights > Array.MaxLength)
                throw new MicrocircuitException(ErrorKind.InvalidOption,
                    $"network {this} needs {weights} weights in layer {l}, more than one array holds; use smaller --hidden sizes.");
        }
    }

    /// <summary>Parses a hidden-layer list such as "800" or "400,400" (empty for none).</summary>
    public static IReadOnlyList<int> ParseHidden(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "none") return [];
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out int size) || size <= 0 || size > MaxLayerSize)
                throw new MicrocircuitException(ErrorKind.InvalidOption,
                    $"--hidden '{text}' is not a list of positive layer sizes; write e.g. --hidden 800 or --hidden 400,400.");
            sizes.Add(size);
        }
        return sizes;
    }
}
