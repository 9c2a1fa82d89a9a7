using System.Globalization;

namespace Microcircuit.Data.Files;

/// <summary>
/// A dataset as two CSV files in the form of the common MNIST CSV files: one sample per row, the label first, then the
/// sample's values (a square image when their count is a square, else one row), an optional header row (a first row
/// whose first field is not a number). The path given is the training file; the test file is the same name with its
/// last "train" replaced by "test" (mnist_train.csv → mnist_test.csv). Values that are all whole numbers in 0–255 are
/// kept as bytes (exactly as a uint8 .npz holds them); any other value makes both splits floats.
/// </summary>
internal static class CsvDataset
{
    public static LabelledDataset Load(string path)
    {
        string testPath = TestPath(path);
        FileSplit train = Read(path), test = Read(testPath);
        return FileDatasetAssembly.Assemble(path, train, test, null, null, $"CSV, test split {Path.GetFileName(testPath)}");
    }

    /// <summary>The test file that goes with training file <paramref name="path"/>.</summary>
    public static string TestPath(string path)
    {
        string name = Path.GetFileName(path);
        int at = name.LastIndexOf("train", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
            throw FileDatasetAssembly.Corrupt(path, "its name has no \"train\" in it, so its test file cannot be found", "name the files like mnist_train.csv and mnist_test.csv and pass the training file");
        string test = Path.Combine(Path.GetDirectoryName(path) ?? "", name[..at] + (char.IsUpper(name[at]) ? "Test" : "test") + name[(at + 5)..]);
        if (!File.Exists(test))
            throw new Errors.MicrocircuitException(Errors.ErrorKind.DatasetMissing,
                $"{path}: its test file {test} does not exist; fix: put the test split beside it under that name.");
        return test;
    }

    /// <summary>Channels, height and width of a sample, from the first data row.</summary>
    public static (int Channels, int Height, int Width) SampleShape(string path)
    {
        using var reader = Open(path);
        string? line;
        int row = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            row++;
            if (line.Length == 0 || row == 1 && IsHeader(line)) continue;
            var (h, w) = FileSplit.FlatShape(line.Count(c => c == ','));
            return (1, h, w);
        }
        throw FileDatasetAssembly.Corrupt(path, "it holds no rows", "give one sample per row: label, then its values");
    }

    private static StreamReader Open(string path)
    {
        Errors.RegularFile.Require(path, "dataset file", Errors.ErrorKind.DatasetCorrupt, "give the CSV file itself.");
        return new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    }

    private static bool IsHeader(string line)
    {
        int comma = line.IndexOf(',');
        var first = (comma < 0 ? line : line[..comma]).Trim().Trim('"');
        return !double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    private static FileSplit Read(string path)
    {
        var labels = new List<long>();
        var bytes = new List<byte>();
        List<float>? floats = null;
        int dimension = -1, row = 0;
        using (var reader = Open(path))
        {
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                row++;
                if (line.Length == 0 || row == 1 && IsHeader(line)) continue;
                int fields = 0;
                foreach (var range in line.AsSpan().Split(','))
                {
                    var field = line.AsSpan(range).Trim();
                    if (fields == 0)
                    {
                        if (!long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long label))
                            throw FileDatasetAssembly.Corrupt(path, $"row {row} starts with '{field}', not an integer label", "put the class (0, 1, …) first in every row");
                        labels.Add(label);
                    }
                    else if (floats is null && byte.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out byte b))
                    {
                        bytes.Add(b);
                    }
                    else
                    {
                        if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float v) || !float.IsFinite(v))
                            throw FileDatasetAssembly.Corrupt(path, $"row {row}, column {fields + 1} holds '{field}', not a finite number", "write plain numbers with a decimal point (never a comma)");
                        floats ??= bytes.ConvertAll(x => (float)x);
                        floats.Add(v);
                    }
                    fields++;
                }
                int values = fields - 1;
                if (dimension < 0) dimension = values;
                if (values != dimension || values == 0)
                    throw FileDatasetAssembly.Corrupt(path, $"row {row} holds {values} values and the first row {dimension}", "give every row the label and the same number of values");
            }
        }
        if (dimension <= 0) throw FileDatasetAssembly.Corrupt(path, "it holds no rows", "give one sample per row: label, then its values");
        var (height, width) = FileSplit.FlatShape(dimension);
        return floats is null
            ? new FileSplit([.. bytes], null, [.. labels], 1, height, width)
            : new FileSplit(null, [.. floats], [.. labels], 1, height, width);
    }
}
