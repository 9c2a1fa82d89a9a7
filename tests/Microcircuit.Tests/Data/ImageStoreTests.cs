using Microcircuit.Data;
using Xunit;

namespace Microcircuit.Tests.Data;

public sealed class ImageStoreTests
{
    /// <summary><paramref name="count"/> images whose pixels are zero with probability <paramref name="zeros"/>.</summary>
    private static byte[][] Images(int count, int dimension, double zeros, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, dimension)
                .Select(_ => random.NextDouble() < zeros ? (byte)0 : (byte)random.Next(1, 256)).ToArray())
            .ToArray();
    }

    /// <summary>Bytes an image's encoding takes: mask and non-zero values when that is shorter, else the raw bytes.</summary>
    private static long Encoded(byte[] image)
    {
        int suppressed = ImageStore.MaskBytes(image.Length) + image.Count(b => b != 0);
        return suppressed < image.Length ? suppressed : image.Length;
    }

    private static ImageStore Build(byte[][] images, int dimension)
    {
        var builder = new ImageStore.Builder(images.Length, dimension);
        foreach (byte[] image in images) builder.Add(image);
        return builder.Build();
    }

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(7, 0.5)]
    [InlineData(13, 0.9)]
    [InlineData(784, 0.0)]
    [InlineData(784, 0.5)]
    [InlineData(784, 0.8)]
    [InlineData(784, 1.0)]
    [InlineData(3072, 0.3)]
    public void EveryImageComesBackByteForByte(int dimension, double zeros)
    {
        byte[][] images = Images(40, dimension, zeros, seed: dimension);

        ImageStore store = Build(images, dimension);

        Assert.True(store.IsZeroSuppressed);
        Assert.Equal(40, store.Count);
        Assert.Equal(dimension, store.Dimension);
        var copy = new byte[dimension + 5];
        for (int i = 0; i < images.Length; i++)
        {
            Assert.Equal(images[i], store.Image(i));
            Array.Fill(copy, (byte)0xAB);
            store.CopyTo(i, copy);
            Assert.Equal(images[i], copy[..dimension]);
            Assert.All(copy[dimension..], b => Assert.Equal(0xAB, b));   // nothing written past the image
        }
    }

    [Fact]
    public void SparseImagesTakeTheirMaskAndNonZeroBytesDenseOnesTheirRawBytes()
    {
        const int dimension = 784;
        byte[][] sparse = Images(100, dimension, 0.8, seed: 1);
        byte[][] dense = Images(100, dimension, 0.0, seed: 2);

        long expectedSparse = sparse.Sum(Encoded);
        Assert.All(sparse, image => Assert.True(Encoded(image) < dimension));
        Assert.Equal(expectedSparse, Build(sparse, dimension).StoredBytes);
        Assert.Equal(100L * dimension, Build(dense, dimension).StoredBytes);
        Assert.InRange(expectedSparse, 0.25 * 100 * dimension, 0.4 * 100 * dimension);
    }

    [Fact]
    public void ImagesSpanSeveralChunksWithoutCrossingOne()
    {
        // 1,500 dense images of 3,072 bytes need five 1 MiB chunks, each filled to its last whole image.
        const int dimension = 3072;
        byte[][] images = Images(1500, dimension, 0.0, seed: 3);

        ImageStore store = Build(images, dimension);

        Assert.Equal(1500L * dimension, store.StoredBytes);
        for (int i = 0; i < images.Length; i += 37) Assert.Equal(images[i], store.Image(i));
        Assert.Equal(images[^1], store.Image(images.Length - 1));
        Assert.Equal(images[341], store.Image(341));   // the first image of the second chunk (341 fit in 1 MiB)
    }

    [Fact]
    public void TakeKeepsTheFirstImagesOfEitherKindOfStore()
    {
        byte[][] images = Images(10, 16, 0.6, seed: 4);
        ImageStore suppressed = Build(images, 16);
        ImageStore dense = ImageStore.Dense(images.SelectMany(b => b).ToArray(), 16);

        foreach (ImageStore store in new[] { suppressed, dense })
        {
            ImageStore first = store.Take(4);
            Assert.Equal(4, first.Count);
            Assert.Equal(store.IsZeroSuppressed, first.IsZeroSuppressed);
            for (int i = 0; i < 4; i++) Assert.Equal(images[i], first.Image(i));
            Assert.Throws<ArgumentOutOfRangeException>(() => first.Image(4));
            Assert.Same(store, store.Take(10));
        }

        Assert.Equal(images.Take(4).Sum(Encoded), suppressed.Take(4).StoredBytes);
    }

    [Fact]
    public void TheBuilderRefusesWrongSizesAndCounts()
    {
        var builder = new ImageStore.Builder(2, 4);
        Assert.Throws<ArgumentException>(() => builder.Add(new byte[3]));
        builder.Add(new byte[4]);
        Assert.Throws<InvalidOperationException>(() => builder.Build());
        builder.Add(new byte[4]);
        Assert.Throws<InvalidOperationException>(() => builder.Add(new byte[4]));
        Assert.Equal(2, builder.Build().Count);
    }

    [Fact]
    public void NormalisedSamplesAreTheSameBitsFromEitherStore()
    {
        byte[][] images = Images(20, 2 * 49, 0.5, seed: 5);
        byte[] labels = new byte[20];
        var dense = new DatasetSplit(images.SelectMany(b => b).ToArray(), labels, 98);
        var suppressed = new DatasetSplit(Build(images, 98), labels);
        var norm = new Normalisation(255f, [0.3f, 0.6f], [0.2f, 0.7f]);
        float[] a = new float[98], b = new float[98];

        for (int i = 0; i < 20; i++)
        {
            dense.CopyNormalised(i, a, norm);
            suppressed.CopyNormalised(i, b, norm);
            Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
        }
    }
}
