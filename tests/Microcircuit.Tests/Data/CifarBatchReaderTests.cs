using Microcircuit.Data;
using Microcircuit.Errors;
using Xunit;

namespace Microcircuit.Tests.Data;

public sealed class CifarBatchReaderTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RecordsRoundTrip(bool gzip)
    {
        const int records = 7;
        string path = SyntheticFiles.Write(_scratch["data_batch_1.bin"], SyntheticFiles.CifarBatch(records), gzip);
        var pixels = new byte[records * 3072];
        var labels = new byte[records];

        string sha = CifarBatchReader.Read(path, pixels, labels);

        Assert.Equal(64, sha.Length);
        for (int i = 0; i < records; i++)
        {
            Assert.Equal(i % 10, labels[i]);
            for (int j = 0; j < 3072; j++)
            {
                Assert.Equal(SyntheticFiles.Pixel(i, j), pixels[i * 3072 + j]);
            }
        }
    }

    [Theory]
    [InlineData(false, 5)]
    [InlineData(true, 5)]
    [InlineData(false, 9)]
    [InlineData(true, 9)]
    public void WrongRecordCountIsCorrupt(bool gzip, int written)
    {
        string path = SyntheticFiles.Write(_scratch["test_batch.bin"], SyntheticFiles.CifarBatch(written), gzip);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt,
            () => CifarBatchReader.Read(path, new byte[7 * 3072], new byte[7]), path);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LengthNotAMultipleOfTheRecordIsCorrupt(bool gzip)
    {
        byte[] payload = SyntheticFiles.CifarBatch(3);
        string path = SyntheticFiles.Write(_scratch["data_batch_2.bin"], payload[..^100], gzip);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt,
            () => CifarBatchReader.Read(path, new byte[3 * 3072], new byte[3]), path, "truncated");
    }

    [Fact]
    public void TruncatedGzipIsCorrupt()
    {
        byte[] packed = SyntheticFiles.Gzip(SyntheticFiles.CifarBatch(20));
        string path = _scratch["data_batch_3.bin.gz"];
        File.WriteAllBytes(path, packed[..(packed.Length * 2 / 3)]);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt,
            () => CifarBatchReader.Read(path, new byte[20 * 3072], new byte[20]), path);
    }

    [Fact]
    public void LabelOutOfRangeIsCorrupt()
    {
        string path = SyntheticFiles.Write(_scratch["data_batch_4.bin"], SyntheticFiles.CifarBatch(4, i => i == 2 ? (byte)10 : (byte)1), gzip: true);

        FaultAssert.Throws(ErrorKind.DatasetCorrupt,
            () => CifarBatchReader.Read(path, new byte[4 * 3072], new byte[4]), path, "label 10", "record 2");
    }
}
