namespace Microcircuit.Data;

/// <summary>
/// SHA-256 of the decompressed payload of every dataset file whose content is known. Hashing the payload,
/// not the .gz, makes the check independent of how a copy was compressed (gzip headers carry timestamps).
/// </summary>
internal static class ChecksumTable
{
    /// <summary>How the CIFAR-10 copy rebuilt from JPEG thumbnails is described wherever it is loaded.</summary>
    public const string CifarJpegVariant = "JPEG-q75 reconstruction of CIFAR-10 — not the original pixels";

    public static IReadOnlyList<KnownChecksum> Entries { get; } =
    [
        // MNIST (LeCun, Cortes & Burges): the payloads whose md5s equal the published ones.
        new("mnist", "train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", null),
        new("mnist", "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", null),
        new("mnist", "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", null),
        new("mnist", "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", null),

        // Fashion-MNIST (Zalando Research), as shipped by Debian's dataset-fashion-mnist 0.0~git20200523.55506a9-1.
        new("fashion-mnist", "train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", null),
        new("fashion-mnist", "train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", null),
        new("fashion-mnist", "t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", null),
        new("fashion-mnist", "t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", null),

        // CIFAR-10: the payload hashes of the original binary batches are not known here; these identify the
        // labelled reconstruction whose pixels were decoded from quality-75 JPEGs (order and labels exact).
        new("cifar10", "data_batch_1.bin", "333949a6a78a1f4add8a2ea152797cf44ba138082dc574c743bc4260fd023c11", CifarJpegVariant),
        new("cifar10", "data_batch_2.bin", "106eeaad9f1fa7a999292fdafe68ee909080f58aee038a76994035aedf40ba26", CifarJpegVariant),
        new("cifar10", "data_batch_3.bin", "99cb88ba00fca88bf28c517a74307b6b78a346c6ea747a561cb8e660c787d5cb", CifarJpegVariant),
        new("cifar10", "data_batch_4.bin", "76b482bc3bb79c0370e48ea71bb6e4f567a3770d224dc09a9ddc8cfa2369f294", CifarJpegVariant),
        new("cifar10", "data_batch_5.bin", "490f5ead4f04a3eb71d5898eb551e0d8d2c592feb778fb9b109a006b3f231495", CifarJpegVariant),
        new("cifar10", "test_batch.bin", "0ce179d0c0a5220739d6223197952896644ceabb648dacfdebd7f06789af543f", CifarJpegVariant),

        // The embedded UCI digits (scikit-learn's digits.csv, decompressed).
        new("digits", "digits.csv", "6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8", null),
    ];

    /// <summary>The entry for this dataset file and hash, or null when the hash is not known for it.</summary>
    public static KnownChecksum? Find(string dataset, string file, string sha256) =>
        Entries.FirstOrDefault(e =>
            e.Dataset == dataset && e.File == file && string.Equals(e.Sha256, sha256, StringComparison.OrdinalIgnoreCase));
}
