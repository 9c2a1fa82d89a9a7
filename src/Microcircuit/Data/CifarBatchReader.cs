namespace Microcircuit.Data;

/// <summary>
/// Reads CIFAR-10 binary batches (<c>data_batch_1.bin</c> … <c>test_batch.bin</c>, plain or gzip): records of
/// one label byte followed by 3,072 pixel bytes, the red, green and blue 32×32 planes in turn.
/// </summary>
internal static class CifarBatchReader
{
    public const int Classes = 10;
    public const int ImageBytes = 3 * 32 * 32;
    public const int RecordBytes = 1 + ImageBytes;
    public const int RecordsPerBatch = 10_000;

    private const int RecordsPerChunk = 256;

    /// <summary>
    /// Reads one batch of exactly <c>labels.Length</c> records into <paramref name="pixels"/> (labels.Length × 3,072
    /// bytes) and <paramref name="labels"/>, returning the SHA-256 of the whole decompressed file.
    /// </summary>
    public static string Read(string path, Span<byte> pixels, Span<byte> labels, string remedy = DatasetFault.ReplaceFile)
    {
        int records = labels.Length;
        if (pixels.Length != records * ImageBytes)
        {
            throw new ArgumentException($"Pixel buffer must hold {records} images.", nameof(pixels));
        }

        using PayloadReader reader = PayloadReader.Open(path, remedy);
        long expected = (long)records * RecordBytes;
        if (!reader.IsCompressed && reader.FileLength != expected)
        {
            throw DatasetFault.Corrupt(path, LengthProblem(reader.FileLength, records), remedy);
        }

        byte[] chunk = new byte[RecordsPerChunk * RecordBytes];
        for (int first = 0; first < records; first += RecordsPerChunk)
        {
            int count = Math.Min(RecordsPerChunk, records - first);
            Span<byte> block = chunk.AsSpan(0, count * RecordBytes);
            reader.ReadExactly(block, $"records {first}–{first + count - 1}");

            for (int r = 0; r < count; r++)
            {
                ReadOnlySpan<byte> record = block.Slice(r * RecordBytes, RecordBytes);
                int index = first + r;
                byte label = record[0];
                if (label >= Classes)
                {
                    throw DatasetFault.Corrupt(path,
                        $"has label {label} in record {index}, but CIFAR-10 labels run 0–{Classes - 1}", remedy);
                }

                labels[index] = label;
                record[1..].CopyTo(pixels.Slice(index * ImageBytes, ImageBytes));
            }
        }

        if (reader.IsCompressed)
        {
            long extra = reader.SkipToEnd();
            if (extra != 0)
            {
                throw DatasetFault.Corrupt(path, LengthProblem(expected + extra, records) + " after decompression", remedy);
            }
        }

        return reader.Sha256();
    }

    private static string LengthProblem(long length, int records)
    {
        string shape = length % RecordBytes == 0
            ? $"{length / RecordBytes} records"
            : $"{length / RecordBytes} records and {length % RecordBytes} stray bytes, not a multiple of {RecordBytes}";
        string verdict = length < (long)records * RecordBytes ? "ends early (truncated)" : "is too long";
        return $"{verdict}: it has {length} bytes ({shape}), a batch must be exactly {records} records of {RecordBytes} bytes";
    }
}
