using System.IO.Compression;
using System.Security.Cryptography;

namespace Microcircuit.Data;

/// <summary>
/// Reads the embedded UCI optical-recognition digits (8×8 images of values 0–16, 1,797 samples), stored as
/// gzip-compressed CSV: 64 pixel values then the label on each row. The split is stratified and fixed: within each
/// class, in file order, every fourth sample is a test sample (1,352 train, 445 test; see Resources/DIGITS-LICENSE.md).
/// </summary>
internal static class DigitsReader
{
    public const string ResourceName = "Microcircuit.Data.Resources.digits.csv.gz";
    public const string PayloadFile = "digits.csv";
    public const int Side = 8;
    public const int Dimension = Side * Side;
    public const int MaxValue = 16;
    public const int Samples = 1797;
    public const int Classes = 10;

    public static IReadOnlyList<string> ClassNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    public static string Description =>
        "embedded UCI optical-recognition digits (Alpaydin & Kaynak 1998, CC BY 4.0, via scikit-learn/Debian); stratified split: every 4th sample of each class is a test sample (1,352 train / 445 test)";

    public static LabelledDataset Load()
    {
        byte[] csv = ReadResource();
        string sha = Convert.ToHexStringLower(SHA256.HashData(csv));
        if (ChecksumTable.Find("digits", PayloadFile, sha) is null)
        {
            throw Damaged($"fails its checksum (SHA-256 {sha})");
        }

        byte[] pixels = new byte[Samples * Dimension];
        byte[] labels = new byte[Samples];
        Parse(csv, pixels, labels);
        int trainCount = StratifiedOrder(pixels, labels);

        var train = new DatasetSplit(pixels.AsMemory(0, trainCount * Dimension), labels.AsMemory(0, trainCount), Dimension);
        var test = new DatasetSplit(pixels.AsMemory(trainCount * Dimension), labels.AsMemory(trainCount), Dimension);
        return new LabelledDataset(
            "digits", 1, Side, Side, ClassNames, NormalisationOf(pixels.AsSpan(0, trainCount * Dimension)), train, test,
            $"{Description} (SHA-256 of the payload matches the published data)");
    }

    /// <summary>
    /// Reorders the samples in place so that the training split comes first: within each class, in file order,
    /// every fourth sample (the 4th, 8th, …) goes to the test split. Returns the training count (1,352).
    /// </summary>
    private static int StratifiedOrder(byte[] pixels, byte[] labels)
    {
        var seen = new int[Classes];
        var train = new List<int>(Samples);
        var test = new List<int>(Samples / 4 + 1);
        for (int i = 0; i < Samples; i++)
            (++seen[labels[i]] % 4 == 0 ? test : train).Add(i);
        byte[] sourcePixels = (byte[])pixels.Clone(), sourceLabels = (byte[])labels.Clone();
        int k = 0;
        foreach (int i in train.Concat(test))
        {
            sourcePixels.AsSpan(i * Dimension, Dimension).CopyTo(pixels.AsSpan(k * Dimension, Dimension));
            labels[k++] = sourceLabels[i];
        }
        return train.Count;
    }

    /// <summary>Scale 16 with the mean and standard deviation of the training split's scaled pixel values.</summary>
    private static Normalisation NormalisationOf(ReadOnlySpan<byte> pixels)
    {
        double sum = 0;
        double squares = 0;
        foreach (byte p in pixels)
        {
            double x = p / (double)MaxValue;
            sum += x;
            squares += x * x;
        }

        double mean = sum / pixels.Length;
        double std = Math.Sqrt(Math.Max(squares / pixels.Length - mean * mean, 0));
        return new Normalisation(MaxValue, [(float)mean], [(float)std]);
    }

    private static byte[] ReadResource()
    {
        try
        {
            using Stream resource = typeof(DigitsReader).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw Damaged("is missing from the library");
            using var gzip = new GZipStream(resource, CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            gzip.CopyTo(buffer);
            return buffer.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw Damaged($"is not valid gzip ({e.Message})", e);
        }
    }

    private static void Parse(ReadOnlySpan<byte> csv, Span<byte> pixels, Span<byte> labels)
    {
        int row = 0;
        int field = 0;
        int value = -1;
        for (int i = 0; i <= csv.Length; i++)
        {
            byte c = i < csv.Length ? csv[i] : (byte)'\n';
            if (c is >= (byte)'0' and <= (byte)'9')
            {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > MaxValue)
                {
                    throw Damaged($"has value {value} in row {row + 1}, above {MaxValue}");
                }

                continue;
            }

            if (c is not ((byte)',' or (byte)'\n' or (byte)'\r'))
            {
                throw Damaged($"has an unexpected character in row {row + 1}");
            }

            if (value < 0)
            {
                if (c == (byte)',' || field != 0)
                {
                    throw Damaged($"has an empty field in row {row + 1}");
                }

                continue; // blank line or the \n of \r\n
            }

            if (row >= Samples)
            {
                throw Damaged($"has more than {Samples} rows");
            }

            if (field < Dimension)
            {
                pixels[row * Dimension + field] = (byte)value;
            }
            else if (field == Dimension && value < Classes)
            {
                labels[row] = (byte)value;
            }
            else
            {
                throw Damaged($"has a bad label or too many fields in row {row + 1}");
            }

            value = -1;
            field++;
            if (c != (byte)',')
            {
                if (field != Dimension + 1)
                {
                    throw Damaged($"has {field} fields in row {row + 1}, expected {Dimension + 1}");
                }

                row++;
                field = 0;
            }
        }

        if (row != Samples)
        {
            throw Damaged($"has {row} rows, expected {Samples}");
        }
    }

    private static Errors.MicrocircuitException Damaged(string problem, Exception? inner = null) =>
        DatasetFault.Corrupt($"embedded resource {ResourceName}", problem, DatasetDefinition.Digits.Remedy, inner);
}
