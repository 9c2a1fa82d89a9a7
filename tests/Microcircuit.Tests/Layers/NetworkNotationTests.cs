using Microcircuit.Errors;
using Microcircuit.Layers;

namespace Microcircuit.Tests.Layers;

/// <summary>
/// The lab's network notation (15C5-P2-40C5-P2-300-10): the shapes it gives on the paper's inputs, its round trip, and
/// one-line InvalidOption errors naming the fault for every description that is not a network.
/// </summary>
public sealed class NetworkNotationTests
{
    private static readonly ImageShape Mnist = new(1, 28, 28);
    private static readonly ImageShape Cifar = new(3, 32, 32);

    private static ImageShape Image(int c, int h, int w) => new(c, h, w);
    private static ImageShape Flat(int n) => new(n, 1, 1);

    [Fact]
    public void The_mnist_network_of_the_lab_has_the_published_maps()
    {
        var shape = NetworkNotation.Parse("15C5-P2-40C5-P2-300-10", Mnist, classes: 10);
        Assert.Equal([Mnist, Image(15, 24, 24), Image(15, 12, 12), Image(40, 8, 8), Image(40, 4, 4), Flat(300), Flat(10)], shape.Shapes);
        Assert.Equal(
            [LayerSpec.Convolution(15, 5), LayerSpec.Pooling(2), LayerSpec.Convolution(40, 5), LayerSpec.Pooling(2), LayerSpec.Dense(300), LayerSpec.Dense(10)],
            shape.Layers);
        Assert.Equal([784, 15 * 24 * 24, 15 * 12 * 12, 40 * 8 * 8, 40 * 4 * 4, 300, 10], shape.LayerSizes);
        Assert.True(shape.IsConvolutional);
        Assert.Equal(784, shape.Inputs);
        Assert.Equal(10, shape.Outputs);
    }

    [Fact]
    public void Padding_keeps_the_map_size_through_a_same_convolution()
    {
        var shape = NetworkNotation.Parse("32C5p2-P2-64C5p2-P2-1024-10", Mnist, classes: 10);
        Assert.Equal([Mnist, Image(32, 28, 28), Image(32, 14, 14), Image(64, 14, 14), Image(64, 7, 7), Flat(1024), Flat(10)], shape.Shapes);
        Assert.Equal(LayerSpec.Convolution(32, 5, stride: 1, padding: 2), shape.Layers[0]);
    }

    [Fact]
    public void The_cifar_network_of_the_lab_has_the_published_maps()
    {
        var shape = NetworkNotation.Parse("96C3p1-256C3p1-P2-384C3p1-P2-384C3p1-256C3p1-1024-1024-10", Cifar, classes: 10);
        Assert.Equal(
            [Cifar, Image(96, 32, 32), Image(256, 32, 32), Image(256, 16, 16), Image(384, 16, 16), Image(384, 8, 8), Image(384, 8, 8),
                Image(256, 8, 8), Flat(1024), Flat(1024), Flat(10)],
            shape.Shapes);
    }

    [Theory]
    [InlineData("8C3s2-5", 1, 9, 9, 8, 4, 4)]        // (9 − 3)/2 + 1
    [InlineData("8C3p1s2-5", 1, 9, 9, 8, 5, 5)]      // (9 + 2 − 3)/2 + 1
    [InlineData("4C2s3-5", 2, 10, 7, 4, 3, 2)]       // stride larger than the kernel; rectangular input
    [InlineData("6C7p3-5", 3, 5, 5, 6, 5, 5)]        // kernel larger than the map, padded
    [InlineData("P3-5", 2, 10, 11, 2, 3, 3)]         // trailing rows and columns fill no window
    public void Stride_padding_and_pools_give_the_textbook_output_size(string text, int c, int h, int w, int maps, int oh, int ow)
    {
        var shape = NetworkNotation.Parse(text, new ImageShape(c, h, w), classes: 5);
        Assert.Equal(new ImageShape(maps, oh, ow), shape.Shapes[1]);
    }

    [Theory]
    [InlineData("15C5-P2-40C5-P2-300-10")]
    [InlineData("32C5p2-P2-64C5p2-P2-1024-10")]
    [InlineData("96C3p1-256C3p1-P2-384C3p1-P2-384C3p1-256C3p1-1024-1024-10")]
    [InlineData("64C3p1s2-P2-10")]
    [InlineData("16C3s2-10")]
    [InlineData("800-10")]
    public void The_notation_round_trips(string text)
    {
        var input = text.StartsWith("96", StringComparison.Ordinal) ? Cifar : Mnist;
        var shape = NetworkNotation.Parse(text, input, classes: 10);
        Assert.Equal(text, NetworkNotation.Format(shape.Layers));
        Assert.Equal(text, string.Join('-', shape.Layers.Select(l => l.ToString())));
        Assert.Equal(shape.IsConvolutional ? $"{input}-{text}" : $"{input.Size}-{text}", shape.ToString());
        Assert.Equal(shape, NetworkNotation.Parse(NetworkNotation.Format(shape.Layers), input, classes: 10));
    }

    [Fact]
    public void Letters_may_be_lower_case_and_tokens_padded_and_are_written_canonically()
    {
        var shape = NetworkNotation.Parse(" 32c5P2 - p2 -64C5p2s1- 10 ", Mnist, classes: 10);
        Assert.Equal("32C5p2-P2-64C5p2-10", NetworkNotation.Format(shape.Layers));
    }

    [Fact]
    public void A_dense_network_on_flat_samples_prints_as_before()
    {
        var shape = NetworkNotation.Parse("800-10", Flat(784), classes: 10);
        Assert.False(shape.IsConvolutional);
        Assert.Equal("784-800-10", shape.ToString());
        Assert.Equal(new NetworkShape(784, [800], 10), shape);
    }

    public static TheoryData<string, int, string> BadNetworks => new()
    {
        { "", 10, "it is empty" },
        { "   ", 10, "it is empty" },
        { "15X5-10", 10, "'15X5' is neither" },
        { "15C5-P2-300-abc", 10, "'abc' is neither" },
        { "15C5--10", 10, "'' is neither" },
        { "15C5-P2-10-", 10, "'' is neither" },
        { "0-10", 10, "'0' is not a layer size" },
        { "300-15C5-10", 10, "'15C5' follows a dense layer" },
        { "15C5-300-P2-10", 10, "'P2' follows a dense layer" },
        { "15C5-P2-300-9", 10, "9 output cells but the dataset has 10 classes" },
        { "15C5-P2-300-10", 3, "10 output cells but the dataset has 3 classes" },
        { "15C5-P2", 10, "it ends with 'P2'" },
        { "15C5", 10, "it ends with '15C5'" },
        { "15C30-10", 10, "'15C30' leaves no pixels of its 1×28×28 input" },
        { "15C5-P2-40C5-P2-40C5-10", 10, "'40C5' leaves no pixels of its 40×4×4 input" },
        { "P2-P2-P2-P2-P2-10", 10, "'P2' leaves no pixels" },
        { "15C29s2-10", 10, "'15C29s2' leaves no pixels of its 1×28×28 input" },   // (28 − 29)/2 rounds towards 0, not down
        { "15C31p1s2-10", 10, "'15C31p1s2' leaves no pixels" },
        { "P29-10", 10, "'P29' leaves no pixels" },
        { "0C5-10", 10, "'0C5' has 0 where a number from 1" },
        { "15C0-10", 10, "'15C0' has 0 where a number from 1" },
        { "15C65-10", 10, "'15C65' has 65 where a number from 1 to 64" },
        { "15C3p3-10", 10, "'15C3p3' has 3 where a number from 0 to 2" },
        { "15C3s0-10", 10, "'15C3s0' has 0 where a number from 1" },
        { "15C3s2p1-10", 10, "'15C3s2p1' is neither" },
        { "P0-10", 10, "'P0' has 0 where a number from 1" },
        { "99999999999C3-10", 10, "'99999999999C3' has 99999999999 where a number" },
        { "2000000-10", 10, "'2000000' is not a layer size" },
        { "1000000C5p4-10", 10, "'1000000C5p4' makes" },
    };

    [Theory]
    [MemberData(nameof(BadNetworks))]
    public void A_description_that_is_not_a_network_is_a_one_line_invalid_option(string text, int classes, string problem)
    {
        var error = Assert.ThrowsAny<MicrocircuitException>(() => NetworkNotation.Parse(text, Mnist, classes));
        Assert.Equal(ErrorKind.InvalidOption, error.Kind);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"net '{text}' is not a network: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convolutions_need_an_image()
    {
        var error = Assert.ThrowsAny<MicrocircuitException>(() => NetworkNotation.Parse("15C5-10", Flat(64), classes: 10));
        Assert.Equal(ErrorKind.InvalidOption, error.Kind);
        Assert.Contains("'15C5' needs an image input", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1C20p19-1000000C1-10")]     // 10⁶ maps of 47×47: 2.2·10⁹ cells, past int.MaxValue
    [InlineData("1C64p63-1C64p63-1C64p63-1C40p39-65536C1-10")]   // 65536 × 256 × 256 = 2³², which wraps to 0 in an int
    public void A_layer_too_large_to_count_in_an_int_is_refused_as_too_large(string text)
    {
        var error = Assert.ThrowsAny<MicrocircuitException>(() => NetworkNotation.Parse(text, Mnist, classes: 10));
        Assert.Equal(ErrorKind.InvalidOption, error.Kind);
        Assert.Contains("cells per sample, too many", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_shape_built_in_code_with_a_layer_past_an_int_is_refused_as_too_large()
    {
        var shape = new NetworkShape(Mnist, [LayerSpec.Convolution(1, 20, padding: 19), LayerSpec.Convolution(1_000_000, 1), LayerSpec.Dense(10)]);
        Assert.Equal(new ImageShape(1_000_000, 47, 47), shape.Shapes[2]);
        var error = Assert.ThrowsAny<MicrocircuitException>(shape.ThrowIfTooLarge);
        Assert.Equal(ErrorKind.InvalidOption, error.Kind);
        Assert.Contains("layer 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kernel_wider_than_the_padded_map_leaves_no_pixel_whatever_the_stride()
    {
        Assert.Equal(new ImageShape(4, 0, 0), LayerSpec.Convolution(4, 29, stride: 2).OutputShape(Mnist));
        Assert.Equal(new ImageShape(4, 0, 1), LayerSpec.Convolution(4, 3, stride: 5).OutputShape(new ImageShape(1, 2, 3)));
        Assert.Equal(new ImageShape(4, 1, 1), LayerSpec.Convolution(4, 30, stride: 3, padding: 1).OutputShape(Mnist));
    }
}
