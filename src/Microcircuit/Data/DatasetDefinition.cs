namespace Microcircuit.Data;

/// <summary>
/// What the catalogue knows about a dataset before reading it: the files that make it up (base names, each
/// accepted with or without ".gz"), the conventional subfolder, system folders a package installs it in,
/// and the fixes to suggest when it is missing or damaged (<see cref="HowToGet"/> names options as {key},
/// <see cref="Errors.OptionTemplate"/>).
/// </summary>
internal sealed record DatasetDefinition(
    string Name,
    string? Subfolder,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> SystemFolders,
    string HowToGet,
    string Remedy,
    bool Checksummed = true)
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
        "pass {data_dir} DIR or set MICROCIRCUIT_DATA to a folder holding mnist/",
        "replace it with a fresh copy of the published MNIST file");

    public static DatasetDefinition FashionMnist { get; } = new(
        "fashion-mnist", "fashion-mnist", [TrainImages, TrainLabels, TestImages, TestLabels],
        ["/usr/share/datasets/fashion-mnist"],
        "sudo apt-get install dataset-fashion-mnist (or pass {data_dir} DIR holding fashion-mnist/)",
        "re-install it with sudo apt-get install --reinstall dataset-fashion-mnist");

    public static DatasetDefinition Cifar10 { get; } = new(
        "cifar10", "cifar-10-batches-bin", [.. TrainBatches, TestBatch], [],
        "pass {data_dir} DIR or set MICROCIRCUIT_DATA to a folder holding cifar-10-batches-bin/",
        "re-install the file from the official cifar-10-binary.tar.gz");

    /// <summary>N-MNIST (Orchard et al. 2015): the unzipped Train.zip and Test.zip, folders of 5-byte-an-event .bin files.</summary>
    public static DatasetDefinition Nmnist { get; } = new(
        "nmnist", "nmnist", ["Train", "Test"], [],
        "download Train.zip and Test.zip of N-MNIST (https://www.garrickorchard.com/datasets/n-mnist), unzip both into DIR/nmnist/ (it then holds Train/0 … Test/9) and pass {data_dir} DIR",
        "unzip a fresh copy of the published Train.zip or Test.zip", Checksummed: false);

    /// <summary>The Spiking Heidelberg Digits (Cramer et al. 2020): two HDF5 files.</summary>
    public static DatasetDefinition Shd { get; } = new(
        "shd", "shd", ["shd_train.h5", "shd_test.h5"], [],
        "download shd_train.h5.gz and shd_test.h5.gz (https://zenkelab.org/datasets/) into DIR/shd/ and pass {data_dir} DIR",
        "download a fresh copy of the published file", Checksummed: false);

    /// <summary>DVS128 Gesture (Amir et al. 2017): the unpacked DvsGesture.tar.gz, AEDAT 3.1 recordings with label CSVs.</summary>
    public static DatasetDefinition DvsGesture { get; } = new(
        "dvs-gesture", "DvsGesture", ["trials_to_train.txt", "trials_to_test.txt"], [],
        "download DvsGesture.tar.gz (IBM, https://research.ibm.com/interactive/dvsgesture/), unpack it into DIR (it holds DIR/DvsGesture/) and pass {data_dir} DIR",
        "unpack a fresh copy of the published DvsGesture.tar.gz", Checksummed: false);

    public static IReadOnlyList<DatasetDefinition> All { get; } = [Digits, Mnist, FashionMnist, Cifar10, Nmnist, Shd, DvsGesture];

    public bool IsEmbedded => Files.Count == 0;
}
