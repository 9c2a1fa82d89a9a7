using System.IO.Compression;

namespace Microcircuit.Data.Files;

/// <summary>
/// A dataset in one NumPy .npz archive (numpy.savez or savez_compressed) with the Keras names: <c>x_train</c>,
/// <c>y_train</c>, <c>x_test</c>, <c>y_test</c>. Samples are uint8 (pixels 0–255) or float32/float64, shaped N×H×W,
/// N×H×W×C (channels last, as Keras stores them; reordered channel-major here) or N×D (a square image when D is a
/// square, else one row). Labels are integers, N or N×1. Optional <c>mean</c> and <c>std</c> (one value per channel,
/// in units of value / scale, scale 255 for uint8) replace the normalisation computed from the training split.
/// </summary>
internal static class NpzDataset
{
    public static LabelledDataset Load(string path)
    {
        var arrays = ReadAll(path);
        FileSplit train = Split(arrays, "x_train", "y_train", path), test = Split(arrays, "x_test", "y_test", path);
        return FileDatasetAssembly.Assemble(path, train, test, Vector(arrays, "mean", path), Vector(arrays, "std", path), "NumPy .npz");
    }

    /// <summary>Channels, height and width of x_train, read from its header alone.</summary>
    public static (int Channels, int Height, int Width) SampleShape(string path)
    {
        var arrays = ReadAll(path, only: "x_train");
        return ShapeOf(Required(arrays, "x_train", path), path);
    }

    private static Dictionary<string, NpyArray> ReadAll(string path, string? only = null)
    {
        var arrays = new Dictionary<string, NpyArray>(StringComparer.Ordinal);
        try
        {
            using var stream = File.OpenRead(path);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal)) continue;
                string key = entry.FullName[..^4];
                if (only is not null && key != only) continue;
                if (entry.Length > Array.MaxLength) throw FileDatasetAssembly.Corrupt(path, $"its array '{key}' is larger than one array may be here ({entry.Length} bytes)", "split the data into smaller files");
                var bytes = new byte[entry.Length];
                using (var s = entry.Open()) s.ReadExactly(bytes);
                arrays[key] = NpyArray.Parse(bytes, $"its array '{key}'");
            }
        }
        catch (InvalidDataException e)
        {
            throw FileDatasetAssembly.Corrupt(path, $"it is not a readable .npz (zip) archive ({e.Message.TrimEnd('.')})", "write it with numpy.savez(path, x_train=..., y_train=..., x_test=..., y_test=...)");
        }
        catch (FormatException e)
        {
            throw FileDatasetAssembly.Corrupt(path, e.Message, "write it again with numpy.savez");
        }
        catch (EndOfStreamException)
        {
            throw FileDatasetAssembly.Corrupt(path, "an array ends early (the file is truncated)", "write it again with numpy.savez");
        }
        return arrays;
    }

    private static NpyArray Required(Dictionary<string, NpyArray> arrays, string key, string path) =>
        arrays.TryGetValue(key, out var a) ? a
            : throw FileDatasetAssembly.Corrupt(path, $"it holds no array '{key}' (it holds: {(arrays.Count == 0 ? "none" : string.Join(", ", arrays.Keys.Order()))})",
                "save the four arrays as numpy.savez(path, x_train=..., y_train=..., x_test=..., y_test=...)");

    private static (int Channels, int Height, int Width) ShapeOf(NpyArray x, string path)
    {
        int[] s = x.Shape;
        switch (s.Length)
        {
            case 2: { var (h, w) = FileSplit.FlatShape(s[1]); return (1, h, w); }
            case 3: return (1, s[1], s[2]);
            case 4: return (s[3], s[1], s[2]);
            default:
                throw FileDatasetAssembly.Corrupt(path, $"its samples have {s.Length - 1} dimension(s) ({string.Join('×', s)})", "give x as N×H×W, N×H×W×C or N×D");
        }
    }

    private static FileSplit Split(Dictionary<string, NpyArray> arrays, string xKey, string yKey, string path)
    {
        NpyArray x = Required(arrays, xKey, path), y = Required(arrays, yKey, path);
        var (channels, height, width) = ShapeOf(x, path);
        int count = x.Shape[0];
        if (y.Shape.Length is 0 or > 2 || y.Shape[0] != count || y.Shape.Length == 2 && y.Shape[1] != 1)
            throw FileDatasetAssembly.Corrupt(path, $"'{yKey}' has shape ({string.Join('×', y.Shape)}) for {count} samples of '{xKey}'", $"give '{yKey}' one integer label per sample (shape ({count},))");
        if (y.Kind is not ('u' or 'i'))
            throw FileDatasetAssembly.Corrupt(path, $"'{yKey}' holds '{y.Descr}' values, not integers", $"save it as integers, e.g. {yKey}.astype('int64')");
        var labels = new long[count];
        for (int i = 0; i < count; i++) labels[i] = (long)y[i];

        int dimension = checked(channels * height * width);
        if (x.Kind == 'u' && x.ItemSize == 1)
        {
            var bytes = new byte[(long)count * dimension];
            Reorder(x.Data.Span, bytes, count, channels, height * width);
            return new FileSplit(bytes, null, labels, channels, height, width);
        }
        if (x.Kind != 'f')
            throw FileDatasetAssembly.Corrupt(path, $"'{xKey}' holds '{x.Descr}' values", $"save it as uint8 (pixels 0–255) or float32, e.g. {xKey}.astype('float32')");
        var source = new float[(long)count * dimension];
        for (long i = 0; i < source.Length; i++) source[i] = (float)x[i];
        if (channels == 1) return new FileSplit(null, source, labels, channels, height, width);
        var floats = new float[source.Length];
        Reorder<float>(source, floats, count, channels, height * width);
        return new FileSplit(null, floats, labels, channels, height, width);
    }

    /// <summary>Channels-last (N×H×W×C) to channel-major (N×C×H×W); a copy when there is one channel.</summary>
    private static void Reorder<T>(ReadOnlySpan<T> source, Span<T> target, int count, int channels, int plane)
    {
        if (channels == 1)
        {
            source.CopyTo(target);
            return;
        }
        int dimension = channels * plane;
        for (int n = 0; n < count; n++)
            for (int p = 0; p < plane; p++)
                for (int c = 0; c < channels; c++)
                    target[n * dimension + c * plane + p] = source[n * dimension + p * channels + c];
    }

    private static float[]? Vector(Dictionary<string, NpyArray> arrays, string key, string path)
    {
        if (!arrays.TryGetValue(key, out var a)) return null;
        if (a.Kind != 'f' && a.Kind != 'u' && a.Kind != 'i') throw FileDatasetAssembly.Corrupt(path, $"'{key}' is not numeric", "give it as float32");
        var values = new float[a.Length];
        for (long i = 0; i < values.Length; i++) values[i] = (float)a[i];
        return values;
    }
}
