namespace Microcircuit.Data;

/// <summary>
/// What the catalogue knows about a dataset before reading it: the files that make it up (base names, each
/// accepted with or without ".gz"), the conventional subfolder, system folders a package installs it in,
/// and the fixes to suggest when it is missing or damaged.
/// </summary>
internal sealed record DatasetDefinition(
    string Name,
    string? Subfolder,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> SystemFolders,
    string HowToGet,
    string Remedy)
{
    public const string TrainImages = "train-images-idx3-ubyte";
    public const string TrainLabels = "train-labels-idx1-ubyte";
    public const string TestImages = "t10k-images-idx3-ubyte";
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    public static readonly string[] TrainBatches =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    public const string TestBatch = "test_batch.bin";

    public static DatasetDefinition Digits { get; } = new(
        "digits", null, [], [],
        "built in, nothing to install",
        "rebuild the library; the embedded resource is damaged");

    public static DatasetDefinition Mnist { get; } = new(
        "mnist", "mnist", [TrainImages, TrainLabels, TestImages, TestLabels], [],
        "pass --data-dir DIR or set MICROCIRCUIT_DATA to a folder holding mnist/",
        "replace it with a fresh copy of the published MNIST file");

    public static DatasetDefinition FashionMnist { get; } = new(
        "fashion-mnist", "fashion-mnist", [TrainImages, TrainLabels, TestImages, TestLabels],
        ["/usr/share/datasets/fashion-mnist"],
        "sudo apt-get install dataset-fashion-mnist (or pass --data-dir DIR holding fashion-mnist/)",
        "re-install it with sudo apt-get install --reinstall dataset-fashion-mnist");

    public static DatasetDefinition Cifar10 { get; } = new(
        "cifar10", "cifar-10-batches-bin", [.. TrainBatches, TestBatch], [],
        "pass --data-dir DIR or set MICROCIRCUIT_DATA to a folder holding cifar-10-batches-bin/",
        "re-install the file from the official cifar-10-binary.tar.gz");

    public static IReadOnlyList<DatasetDefinition> All { get; } = [Digits, Mnist, FashionMnist, Cifar10];

    public bool IsEmbedded => Files.Count == 0;
}
