using System.Globalization;
using System.Text.RegularExpressions;
using Microcircuit.Errors;

namespace Microcircuit.Layers;

/// <summary>
/// The lab's network notation, layers above the input joined by '-': a plain number is a dense layer of that many
/// cells, <c>NCk</c> a convolution with N feature maps and a k×k kernel (suffix <c>pP</c> for zero padding P,
/// <c>sS</c> for stride S; e.g. <c>32C5p2</c>), <c>Pw</c> an average pool over w×w windows. The last layer is the
/// dense output layer, one cell per class: <c>15C5-P2-40C5-P2-300-10</c>.
/// </summary>
public static partial class NetworkNotation
{
    private const int MaxKernel = 64;

    [GeneratedRegex(@"^(?<maps>\d+)C(?<k>\d+)(?:P(?<pad>\d+))?(?:S(?<stride>\d+))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ConvolutionToken();

    [GeneratedRegex(@"^P(?<w>\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PoolingToken();

    /// <summary>Parses <paramref name="text"/> for an input of shape <paramref name="input"/> and a task of <paramref name="classes"/> classes.</summary>
    public static NetworkShape Parse(string text, ImageShape input, int classes)
    {
        if (string.IsNullOrWhiteSpace(text)) Fail(text, $"it is empty; {Example}");
        var layers = new List<LayerSpec>();
        var shape = input;
        bool flat = false;
        foreach (var raw in text.Split('-', StringSplitOptions.TrimEntries))
        {
            var spec = Token(text, raw);
            if (spec.Kind != LayerKind.Dense && flat)
                Fail(text, $"'{raw}' follows a dense layer; convolutions and pools come before the dense layers");
            if (spec.Kind != LayerKind.Dense && shape.IsFlat && input.IsFlat)
                Fail(text, $"'{raw}' needs an image input, but this dataset's samples are flat vectors of {input.Size}");
            var next = spec.OutputShape(shape);
            if (next.Height < 1 || next.Width < 1)
                Fail(text, $"'{raw}' leaves no pixels of its {shape} input; {Repair(text, input, classes)}");
            if (next.LongSize > NetworkShape.MaxLayerSize * 16L)
                Fail(text, $"'{raw}' makes {next.LongSize} cells per sample, too many");
            flat |= spec.Kind == LayerKind.Dense;
            layers.Add(spec);
            shape = next;
        }
        var last = layers[^1];
        if (last.Kind != LayerKind.Dense)
            Fail(text, $"it ends with '{last}'; end it with the dense output layer, -{classes}");
        if (last.Size != classes)
            Fail(text, $"it ends with {last.Size} output cells but the dataset has {classes} classes; end it with -{classes}");
        return new NetworkShape(input, layers);
    }

    private const string Example = "write e.g. 15C5-P2-40C5-P2-300-10 for a 28×28 image";

    /// <summary>
    /// A network like <paramref name="text"/> whose every layer keeps some pixels, as advice: each pool too wide for
    /// its input narrowed to the widest that fits (or dropped), each convolution too large padded to keep its input's
    /// size (or dropped). Offered only when the repaired network parses.
    /// </summary>
    private static string Repair(string text, ImageShape input, int classes)
    {
        var kept = new List<string>();
        var shape = input;
        foreach (var raw in text.Split('-', StringSplitOptions.TrimEntries))
        {
            var spec = Token(text, raw);
            string token = raw;
            if (spec.Kind != LayerKind.Dense && spec.OutputShape(shape) is { Height: < 1 } or { Width: < 1 })
            {
                int fits = Math.Min(shape.Height, shape.Width);
                (spec, token) = spec.Kind == LayerKind.Pooling
                    ? (LayerSpec.Pooling(fits), $"P{fits}")
                    : (LayerSpec.Convolution(spec.Size, spec.Kernel, 1, (spec.Kernel - 1) / 2), $"{spec.Size}C{spec.Kernel}p{(spec.Kernel - 1) / 2}");
                if (fits < 2 || spec.OutputShape(shape) is { Height: < 1 } or { Width: < 1 }) continue;
            }
            kept.Add(token);
            shape = spec.OutputShape(shape);
        }
        string repaired = string.Join('-', kept);
        try
        {
            Parse(repaired, input, classes);
            return $"narrow the pool, pad the convolution or drop a layer, e.g. {{net}} {repaired}";
        }
        catch (OptionException)
        {
            return "use a smaller kernel, padding or fewer pools";
        }
    }

    /// <summary>The notation of a network's layers (without its input), e.g. 15C5-P2-40C5-P2-300-10.</summary>
    public static string Format(IEnumerable<LayerSpec> layers) => string.Join('-', layers.Select(l => l.ToString()));

    private static LayerSpec Token(string text, string token)
    {
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int cells))
        {
            if (cells < 1 || cells > NetworkShape.MaxLayerSize) Fail(text, $"'{token}' is not a layer size between 1 and {NetworkShape.MaxLayerSize}");
            return LayerSpec.Dense(cells);
        }
        if (ConvolutionToken().Match(token) is { Success: true } c)
        {
            int maps = Number(text, token, c.Groups["maps"].Value, 1, NetworkShape.MaxLayerSize);
            int kernel = Number(text, token, c.Groups["k"].Value, 1, MaxKernel);
            int padding = c.Groups["pad"].Success ? Number(text, token, c.Groups["pad"].Value, 0, kernel - 1) : 0;
            int stride = c.Groups["stride"].Success ? Number(text, token, c.Groups["stride"].Value, 1, MaxKernel) : 1;
            return LayerSpec.Convolution(maps, kernel, stride, padding);
        }
        if (PoolingToken().Match(token) is { Success: true } p)
            return LayerSpec.Pooling(Number(text, token, p.Groups["w"].Value, 1, MaxKernel));
        Fail(text, $"'{OptionException.Quote(token)}' is neither a layer size (300), a convolution (15C5, 32C5p2) nor a pool (P2); {Example}");
        return default;
    }

    private static int Number(string text, string token, string digits, int min, int max)
    {
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
            Fail(text, $"'{token}' has {digits} where a number from {min} to {max} belongs");
        return value;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string? text, string why) =>
        throw new OptionException("net", $"{{net}} '{OptionException.Quote(text ?? "")}' is not a network: {why}.");
}
