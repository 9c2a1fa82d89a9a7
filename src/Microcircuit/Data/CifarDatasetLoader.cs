namespace Microcircuit.Data;

/// <summary>Loads CIFAR-10 (five training batches and one test batch) found by a <see cref="DatasetLookup"/>.</summary>
internal static class CifarDatasetLoader
{
    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>CIFAR-10 per-channel mean and standard deviation of the training pixels (R, G, B).</summary>
    public static Normalisation Normalisation { get; } =
        new(255f, [0.4914f, 0.4822f, 0.4465f], [0.2023f, 0.1994f, 0.2010f]);

    public static LabelledDataset Load(DatasetLookup lookup, bool verify, int recordsPerBatch = CifarBatchReader.RecordsPerBatch)
    {
        lookup.ThrowIfMissing();
        DatasetDefinition dataset = lookup.Definition;
        string remedy = dataset.Remedy;
        string[] trainFiles = DatasetDefinition.TrainBatches;
        int trainCount = trainFiles.Length * recordsPerBatch;

        byte[] trainPixels = GC.AllocateUninitializedArray<byte>(trainCount * CifarBatchReader.ImageBytes);
        byte[] trainLabels = new byte[trainCount];
        byte[] testPixels = GC.AllocateUninitializedArray<byte>(recordsPerBatch * CifarBatchReader.ImageBytes);
        byte[] testLabels = new byte[recordsPerBatch];

        var reads = new List<Func<FileChecksum>>();
        for (int b = 0; b < trainFiles.Length; b++)
        {
            int batch = b;
            reads.Add(() => ReadBatch(lookup, trainFiles[batch], trainPixels, trainLabels, batch * recordsPerBatch, recordsPerBatch, remedy));
        }

        reads.Add(() => ReadBatch(lookup, DatasetDefinition.TestBatch, testPixels, testLabels, 0, recordsPerBatch, remedy));
        FileChecksum[] checksums = ParallelReads.Run(reads);

        ChecksumReport report = ChecksumReport.Judge(dataset.Name, checksums);
        report.ThrowIfRejected(verify, dataset.Name, remedy);

        return new LabelledDataset(
            dataset.Name, 3, 32, 32, ClassNames, Normalisation,
            new DatasetSplit(trainPixels, trainLabels, CifarBatchReader.ImageBytes),
            new DatasetSplit(testPixels, testLabels, CifarBatchReader.ImageBytes),
            $"{lookup.Locations.DataDir}: {report.Summary}",
            report.Caveat);
    }

    private static FileChecksum ReadBatch(
        DatasetLookup lookup, string file, byte[] pixels, byte[] labels, int first, int records, string remedy)
    {
        string path = lookup[file];
        string sha = CifarBatchReader.Read(
            path,
            pixels.AsSpan(first * CifarBatchReader.ImageBytes, records * CifarBatchReader.ImageBytes),
            labels.AsSpan(first, records),
            remedy);
        return new FileChecksum(file, path, sha);
    }
}
