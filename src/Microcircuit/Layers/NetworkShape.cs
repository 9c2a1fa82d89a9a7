using Microcircuit.Errors;

namespace Microcircuit.Layers;

/// <summary>
/// The architecture of a network: the input's shape and every layer above it, bottom to top, the last one the dense
/// output layer. A fully connected network is written 784-800-10; one with convolutions in the lab's notation,
/// 15C5-P2-40C5-P2-300-10 on a 1×28×28 input (see <see cref="NetworkNotation"/>).
/// </summary>
public sealed class NetworkShape
{
    /// <summary>The largest layer <c>--hidden</c> accepts.</summary>
    public const int MaxLayerSize = 1_000_000;

    /// <summary>A fully connected network: inputs, hidden layer sizes, outputs.</summary>
    public NetworkShape(int inputs, IReadOnlyList<int> hidden, int outputs)
        : this(new ImageShape(inputs, 1, 1), [.. hidden.Select(LayerSpec.Dense), LayerSpec.Dense(outputs)])
    {
    }

    public NetworkShape(ImageShape input, IReadOnlyList<LayerSpec> layers)
    {
        if (layers.Count == 0 || layers[^1].Kind != LayerKind.Dense)
            throw new ArgumentException("A network ends with a dense output layer.", nameof(layers));
        Input = input;
        Layers = layers.ToArray();
        var shapes = new ImageShape[layers.Count + 1];
        shapes[0] = input;
        for (int l = 0; l < layers.Count; l++) shapes[l + 1] = layers[l].OutputShape(shapes[l]);
        Shapes = shapes;
    }

    public ImageShape Input { get; }

    /// <summary>Every layer above the input, the output layer last.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>The input's shape, then each layer's cells as an image (dense layers N × 1 × 1).</summary>
    public IReadOnlyList<ImageShape> Shapes { get; }

    public int Inputs => Input.Size;
    public int Outputs => Layers[^1].Size;

    /// <summary>Values per sample: the input, then each layer's cell count.</summary>
    public IReadOnlyList<int> LayerSizes => Shapes.Select(s => s.Size).ToArray();

    /// <summary>Plastic weights of layer <paramref name="layer"/> (0-based above the input): outputs × inputs, maps × C_in × k², or 0 for a pool.</summary>
    public long WeightCount(int layer) => Layers[layer].Kind switch
    {
        LayerKind.Dense => (long)Shapes[layer].LongSize * Layers[layer].Size,
        LayerKind.Convolution => (long)Shapes[layer].Channels * Layers[layer].Kernel * Layers[layer].Kernel * Layers[layer].Size,
        _ => 0,
    };

    /// <summary>Biases of layer <paramref name="layer"/> when biases are on: one per cell (dense), per map (convolution), none (pool).</summary>
    public int BiasCount(int layer) => Layers[layer].Kind == LayerKind.Pooling ? 0 : Layers[layer].Size;

    /// <summary>True when some layer is a convolution or a pool.</summary>
    public bool IsConvolutional => Layers.Any(l => l.Kind != LayerKind.Dense);

    /// <summary>784-800-10 for a dense network; 1×28×28-15C5-P2-40C5-P2-300-10 with convolutions.</summary>
    public override string ToString() =>
        string.Join('-', [IsConvolutional ? Input.ToString() : Inputs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. Layers.Select(l => l.ToString())]);

    public override bool Equals(object? obj) => obj is NetworkShape other && Input == other.Input && Layers.SequenceEqual(other.Layers);

    public override int GetHashCode() => HashCode.Combine(Input, Layers.Count);

    /// <summary>
    /// Throws a one-line InvalidOption error when a layer's weights or cells cannot be held in one array.
    /// </summary>
    public void ThrowIfTooLarge()
    {
        for (int l = 0; l < Layers.Count; l++)
        {
            var spec = Layers[l];
            long weights = spec.Kind switch
            {
                LayerKind.Dense => Shapes[l].LongSize * spec.Size,
                LayerKind.Convolution => (long)Shapes[l].Channels * spec.Kernel * spec.Kernel * spec.Size,
                _ => 0,
            };
            if (weights > Array.MaxLength || Shapes[l + 1].LongSize > MaxLayerSize * 16L)
                throw new OptionException(IsConvolutional ? "net" : "hidden",
                    $"network {this} needs {weights} weights in layer {l + 1}, more than one array holds; use smaller {(IsConvolutional ? "layers in {net}" : "{hidden} sizes")}.");
        }
    }

    /// <summary>Parses a hidden-layer list such as "800" or "400,400" (empty for none).</summary>
    public static IReadOnlyList<int> ParseHidden(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "none") return [];
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int size) || size <= 0 || size > MaxLayerSize)
                throw new OptionException("hidden",
                    $"{{hidden}} '{OptionException.Quote(text)}' is not a list of positive layer sizes; write e.g. {{hidden}} 800 or {{hidden}} 400,400.");
            sizes.Add(size);
        }
        return sizes;
    }
}
