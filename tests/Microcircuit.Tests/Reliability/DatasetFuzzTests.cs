using Microcircuit.Data;
using Microcircuit.Errors;
using Microcircuit.Randomness;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Reliability;

/// <summary>
/// Seeded fuzzing of the dataset readers: IDX label and image files and CIFAR-10 batches, plain and gzip, damaged in
/// every way of <see cref="CorruptionKind"/> (for gzip files either the compressed bytes or the payload before
/// compression). Each damaged file must load exactly when it is still valid, and otherwise fail with a one-line
/// DatasetCorrupt error naming it: never another exception.
/// </summary>
public sealed class DatasetFuzzTests : IDisposable
{
    private const int Images = 6, Labels = 60, CifarRecords = 4;

    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private enum Format { Labels, Images, Cifar }

    [Fact]
    public void Damaged_idx_and_cifar_files_load_only_when_still_valid_and_otherwise_fail_with_one_line_naming_the_file()
    {
        var random = new SeededRandom(20240601);
        var tally = new FuzzTally("synthetic IDX and CIFAR files");
        var originals = new Dictionary<Format, byte[]>
        {
            [Format.Labels] = SyntheticFiles.IdxLabels(Enumerable.Range(0, Labels).Select(i => (byte)(i % 10)).ToArray()),
            [Format.Images] = SyntheticFiles.IdxImages(Images, 28, 28),
            [Format.Cifar] = SyntheticFiles.CifarBatch(CifarRecords),
        };
        for (int i = 0; i < 900; i++)
        {
            var format = (Format)(i % 3);
            bool gzip = i % 6 >= 3;
            bool damagePayload = gzip && random.NextInt(2) == 0;
            byte[] payload = originals[format];
            int header = format switch { Format.Labels => 8, Format.Images => 16, _ => 3073 };
            var (kind, damaged) = damagePayload
                ? Corruption.Any(payload, header, bigEndian: true, random)
                : Corruption.Any(gzip ? SyntheticFiles.Gzip(payload) : payload, gzip ? 10 : header, bigEndian: true, random);
            if (damagePayload) damaged = SyntheticFiles.Gzip(damaged);

            string path = _scratch[$"{format}-{i}{(gzip ? ".gz" : "")}"];
            File.WriteAllBytes(path, damaged);
            byte[]? decoded = DatasetOracle.Payload(damaged);
            bool valid = format switch
            {
                Format.Labels => DatasetOracle.IsValidLabels(decoded, 10),
                Format.Images => DatasetOracle.IsValidImages(decoded, 28, 28),
                _ => DatasetOracle.IsValidCifar(decoded, CifarRecords),
            };
            string name = $"case {i}: {format} {(gzip ? damagePayload ? "gzip of damaged payload" : "damaged gzip" : "plain")} {kind}";
            tally.Check(name, valid, path, () => Read(format, path), ErrorKind.DatasetCorrupt);
            File.Delete(path);
        }

        tally.AssertClean(minimumCases: 900);
        Assert.True(tally.Count("loaded") > 0 && tally.Count("MicrocircuitException DatasetCorrupt") > 500, tally.Report());
    }

    [Fact]
    public void A_damaged_file_in_a_whole_dataset_folder_fails_the_load_with_one_line_naming_it()
    {
        var random = new SeededRandom(77);
        var tally = new FuzzTally("synthetic MNIST-style and CIFAR-10 folders");
        for (int i = 0; i < 150; i++)
        {
            bool cifar = i % 3 == 2, gzip = i % 2 == 0;
            string folder = _scratch.Folder($"dataset-{i}");
            if (cifar) WriteCifar(folder, gzip);
            else SyntheticFiles.WriteIdxDataset(folder, train: 12, test: 6, gzip);

            string[] files = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray();
            string target = files[random.NextInt(files.Length)];
            var (kind, damaged) = Corruption.Any(File.ReadAllBytes(target), gzip ? 10 : 16, bigEndian: true, random);
            File.WriteAllBytes(target, damaged);

            bool valid = cifar ? files.All(f => DatasetOracle.IsValidCifar(DatasetOracle.Payload(File.ReadAllBytes(f)), 2)) : IdxFolderIsValid(files);
            var search = new DatasetSearchPath(folder, [], useSystemFolders: false);
            string name = $"case {i}: {(cifar ? "cifar10" : "mnist")} {(gzip ? "gzip" : "plain")}, {Path.GetFileName(target)} {kind}";
            tally.Check(name, valid, target, () =>
            {
                if (cifar) CifarDatasetLoader.Load(search.Locate(DatasetCatalogue.Definition("cifar10")), verify: false, recordsPerBatch: 2);
                else DatasetCatalogue.Load("mnist", search, verify: false);
            }, ErrorKind.DatasetCorrupt);
            Directory.Delete(folder, recursive: true);
        }

        tally.AssertClean(minimumCases: 150);
    }

    [Fact]
    public void Damaged_copies_of_the_real_mnist_files_fail_with_one_line_and_never_another_exception()
    {
        DatasetLookup lookup = SharedDatasets.Require("mnist");
        var random = new SeededRandom(1998);
        var tally = new FuzzTally("copies of the real MNIST files");
        string remedy = lookup.Definition.Remedy;
        // Cases per file, fewer for the large ones: every case decompresses and hashes the whole file twice.
        (string File, int Cases)[] plan =
        [
            (DatasetDefinition.TestLabels, 60), (DatasetDefinition.TrainLabels, 40), (DatasetDefinition.TestImages, 40), (DatasetDefinition.TrainImages, 8),
        ];
        int index = 0;
        foreach (var (file, cases) in plan)
        {
            byte[] shared = File.ReadAllBytes(lookup[file]);   // read only: every damaged copy goes to the scratch folder
            byte[] payload = DatasetOracle.Payload(shared) ?? throw new InvalidDataException($"{lookup[file]} is not readable gzip");
            bool labels = file.Contains("labels", StringComparison.Ordinal);
            for (int c = 0; c < cases; c++, index++)
            {
                bool verify = c % 2 == 0, damagePayload = c % 4 >= 2;
                var (kind, damaged) = damagePayload
                    ? Corruption.Any(payload, labels ? 8 : 16, bigEndian: true, random)
                    : Corruption.Any(shared, 10, bigEndian: true, random);
                string path = _scratch[file + (damagePayload ? "" : ".gz")];
                File.WriteAllBytes(path, damaged);
                byte[]? decoded = DatasetOracle.Payload(damaged);
                bool valid = (labels ? DatasetOracle.IsValidLabels(decoded, 10) : DatasetOracle.IsValidImages(decoded, 28, 28))
                    && (!verify || decoded.AsSpan().SequenceEqual(payload));
                string name = $"case {index}: {file} {(damagePayload ? "plain damaged payload" : "damaged gzip")} {kind}{(verify ? "" : " --no-verify")}";
                tally.Check(name, valid, path, () =>
                {
                    IdxFile read = labels ? IdxReader.ReadLabels(path, 10, remedy) : IdxReader.ReadImages(path, 28, 28, remedy) as IdxFile;
                    ChecksumReport.Judge("mnist", [new FileChecksum(file, path, read.Sha256)]).ThrowIfRejected(verify, "mnist", remedy);
                }, ErrorKind.DatasetCorrupt);
                File.Delete(path);
            }
        }

        tally.AssertClean(minimumCases: 148);
    }

    private static void Read(Format format, string path)
    {
        switch (format)
        {
            case Format.Labels:
                IdxReader.ReadLabels(path, 10);
                break;
            case Format.Images:
                IdxReader.ReadImages(path, 28, 28);
                break;
            default:
                CifarBatchReader.Read(path, new byte[CifarRecords * CifarBatchReader.ImageBytes], new byte[CifarRecords]);
                break;
        }
    }

    private static void WriteCifar(string folder, bool gzip)
    {
        string suffix = gzip ? ".gz" : "";
        foreach (string file in DatasetDefinition.TrainBatches.Append(DatasetDefinition.TestBatch))
            SyntheticFiles.Write(Path.Combine(folder, file + suffix), SyntheticFiles.CifarBatch(2), gzip);
    }

    /// <summary>All four files valid and each split's image count equal to its label count.</summary>
    private static bool IdxFolderIsValid(string[] files)
    {
        byte[]? Payload(string prefix) => DatasetOracle.Payload(File.ReadAllBytes(files.Single(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal))));
        foreach (string split in new[] { "train", "t10k" })
        {
            byte[]? images = Payload(split + "-images"), labels = Payload(split + "-labels");
            if (!DatasetOracle.IsValidImages(images, 28, 28) || !DatasetOracle.IsValidLabels(labels, 10)) return false;
            if (DatasetOracle.Count(images!) != DatasetOracle.Count(labels!)) return false;
        }
        return true;
    }
}
