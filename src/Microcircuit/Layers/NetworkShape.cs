using Microcircuit.Errors;

namespace Microcircuit.Layers;

/// <summary>Sizes of a fully connected network: input, hidden layers, output (e.g. 784-800-10).</summary>
public sealed record NetworkShape(int Inputs, IReadOnlyList<int> Hidden, int Outputs)
{
    public IReadOnlyList<int> LayerSizes => [Inputs, .. Hidden, Outputs];

    public override string ToString() => string.Join('-', LayerSizes);

    /// <summary>Parses a hidden-layer list such as "800" or "400,400" (empty for none).</summary>
    public static IReadOnlyList<int> ParseHidden(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "none") return [];
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out int size) || size <= 0 || size > 1_000_000)
                throw new MicrocircuitException(ErrorKind.InvalidOption,
                    $"--hidden '{text}' is not a list of positive layer sizes; write e.g. --hidden 800 or --hidden 400,400.");
            sizes.Add(size);
        }
        return sizes;
    }
}
