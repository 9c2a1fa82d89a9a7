namespace Microcircuit.Data;

/// <summary>Loads an MNIST-style dataset (28×28 greyscale, four IDX files) found by a <see cref="DatasetLookup"/>.</summary>
internal static class IdxDatasetLoader
{
    public const int Side = 28;

    public static LabelledDataset Load(
        DatasetLookup lookup, IReadOnlyList<string> classNames, Normalisation normalisation, bool verify)
    {
        lookup.ThrowIfMissing();
        DatasetDefinition dataset = lookup.Definition;
        string remedy = dataset.Remedy;
        int classes = classNames.Count;
        string trainImages = lookup[DatasetDefinition.TrainImages];
        string trainLabels = lookup[DatasetDefinition.TrainLabels];
        string testImages = lookup[DatasetDefinition.TestImages];
        string testLabels = lookup[DatasetDefinition.TestLabels];

        IdxFile[] files = ParallelReads.Run<IdxFile>(
        [
            () => IdxReader.ReadImages(trainImages, Side, Side, remedy),
            () => IdxReader.ReadLabels(trainLabels, classes, remedy),
            () => IdxReader.ReadImages(testImages, Side, Side, remedy),
            () => IdxReader.ReadLabels(testLabels, classes, remedy),
        ]);

        DatasetSplit train = Split((IdxImages)files[0], (IdxLabels)files[1], remedy);
        DatasetSplit test = Split((IdxImages)files[2], (IdxLabels)files[3], remedy);

        string[] names = [DatasetDefinition.TrainImages, DatasetDefinition.TrainLabels, DatasetDefinition.TestImages, DatasetDefinition.TestLabels];
        var checksums = files.Select((f, i) => new FileChecksum(names[i], f.Path, f.Sha256)).ToArray();
        ChecksumReport report = ChecksumReport.Judge(dataset.Name, checksums);
        report.ThrowIfRejected(verify, dataset.Name, remedy);

        return new LabelledDataset(
            dataset.Name, 1, Side, Side, classNames, normalisation, train, test,
            $"{lookup.Locations.DataDir}: {report.Summary}",
            report.Caveat);
    }

    private static DatasetSplit Split(IdxImages images, IdxLabels labels, string remedy)
    {
        if (images.Count != labels.Count)
        {
            throw DatasetFault.Corrupt(images.Path,
                $"holds {images.Count} images but its label file {labels.Path} holds {labels.Count} labels", remedy);
        }

        return new DatasetSplit(images.Images, labels.Data);
    }
}
