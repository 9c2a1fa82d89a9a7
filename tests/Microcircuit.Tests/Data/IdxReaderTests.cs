using Microcircuit.Data;
using Microcircuit.Errors;
using Xunit;

namespace Microcircuit.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ImagesRoundTrip(bool gzip)
    {
        // The name says nothing about compression: gzip is recognised by its magic bytes.
        string path = SyntheticFiles.Write(_scratch["images.bin"], SyntheticFiles.IdxImages(5, 3, 4), gzip);

        IdxImages file = IdxReader.ReadImages(path, 3, 4);

        Assert.Equal(5, file.Count);
        Assert.Equal(3, file.Rows);
        Assert.Equal(4, file.Columns);
        Assert.Equal(5, file.Images.Count);
        Assert.Equal(12, file.Images.Dimension);
        for (int i = 0; i < 5; i++)
        {
            byte[] image = file.Images.Image(i);
            for (int j = 0; j < 12; j++)
            {
                Assert.Equal(SyntheticFiles.Pixel(i, j), image[j]);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LabelsRoundTrip(bool gzip)
    {
        byte[] labels = [3, 1, 4, 1, 5, 9, 2, 6];
        string path = SyntheticFiles.Write(_scratch["labels"], SyntheticFiles.IdxLabels(labels), gzip);

        IdxLabels file = IdxReader.ReadLabels(path, 10);

        Assert.Equal(labels, file.Data);
    }

    [Fact]
    public void CompressionIsJudgedByContentNotByName()
    {
        // A plain file that is misleadingly named .gz reads as plain.
        string path = SyntheticFiles.Write(_scratch["labels.gz"], SyntheticFiles.IdxLabels([4, 2]), gzip: false);

        Assert.Equal([4, 2], IdxReader.ReadLabels(path, 10).Data);
    }

    [Fact]
    public void HashCoversTheDecompressedPayloadWhateverTheCompression()
    {
        byte[] payload = SyntheticFiles.IdxLabels([1, 2, 3]);
        string plain = SyntheticFiles.Write(_scratch["plain"], payload, gzip: false);
        string packed = SyntheticFiles.Write(_scratch["packed.gz"], payload, gzip: true);

        string expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(payload));
        Assert.Equal(expected, IdxReader.ReadLabels(plain, 10).Sha256);
        Assert.Equal(expected, IdxReader.ReadLabels(packed, 10).Sha256);
    }

    [Fact]
    public void TruncatedGzipIsCorruptAndNamed()
    {
        byte[] packed = SyntheticFiles.Gzip(SyntheticFiles.IdxImages(50, 28, 28));
        string path = _scratch["train-images-idx3-ubyte.gz"];
        File.WriteAllBytes(path, packed[..(packed.Length / 2)]);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => IdxReader.ReadImages(path, 28, 28), path);
    }

    [Fact]
    public void GzipWithDamagedDeflateDataIsCorruptAndNamed()
    {
        byte[] packed = SyntheticFiles.Gzip(SyntheticFiles.IdxImages(50, 28, 28));
        for (int i = 20; i < 60; i++)
        {
            packed[i] = 0xff;
        }

        string path = _scratch["damaged.gz"];
        File.WriteAllBytes(path, packed);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => IdxReader.ReadImages(path, 28, 28), path);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedPlainOrGzipPayloadIsCorrupt(bool gzip)
    {
        byte[] payload = SyntheticFiles.IdxImages(4, 28, 28);
        string path = SyntheticFiles.Write(_scratch["short-images"], payload[..^10], gzip);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => IdxReader.ReadImages(path, 28, 28), path, "truncated");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TrailingBytesAreCorrupt(bool gzip)
    {
        byte[] payload = [.. SyntheticFiles.IdxLabels([1, 2, 3]), 0];
        string path = SyntheticFiles.Write(_scratch["long-labels"], payload, gzip);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => IdxReader.ReadLabels(path, 10), path, "longer");
    }

    [Fact]
    public void WrongMagicIsCorrupt()
    {
        // The label magic on an image file.
        string path = SyntheticFiles.Write(_scratch["not-images"], SyntheticFiles.IdxImages(2, 28, 28, magic: 0x00000801), gzip: true);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => IdxReader.ReadImages(path), path, "magic", "0x00000801");
    }

    [Fact]
    public void WrongCountIsCorrupt()
    {
        string path = SyntheticFiles.Write(_scratch["count"], SyntheticFiles.IdxImages(3, 28, 28, declaredCount: 4), gzip: false);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => IdxReader.ReadImages(path, 28, 28), path);
    }

    [Fact]
    public void HugeDeclaredCountInSmallGzipIsCorruptWithoutAllocating()
    {
        string path = SyntheticFiles.Write(_scratch["huge.gz"], SyntheticFiles.IdxImages(1, 28, 28, declaredCount: 2_000_000), gzip: true);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => IdxReader.ReadImages(path, 28, 28), path);
    }

    [Fact]
    public void WrongImageSizeIsCorrupt()
    {
        string path = SyntheticFiles.Write(_scratch["small-images"], SyntheticFiles.IdxImages(2, 8, 8), gzip: false);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => IdxReader.ReadImages(path, 28, 28), path, "8×8");
    }

    [Fact]
    public void LabelOutOfRangeIsCorrupt()
    {
        string path = SyntheticFiles.Write(_scratch["labels-bad"], SyntheticFiles.IdxLabels([1, 2, 10]), gzip: true);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => IdxReader.ReadLabels(path, 10), path, "label 10", "index 2");
    }

    [Fact]
    public void EmptyFileIsCorrupt()
    {
        string path = _scratch["empty"];
        File.WriteAllBytes(path, []);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt, () => IdxReader.ReadLabels(path, 10), path);
    }

    [Fact]
    public void MissingFileIsAnIoError()
    {
        string path = _scratch["absent"];

        FaultAssert.Throws(ErrorKind.Io, () => IdxReader.ReadLabels(path, 10), path);
    }
}
