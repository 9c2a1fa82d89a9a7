using Microcircuit.Circuits;
using Microcircuit.Data;
using Microcircuit.Encoding;
using Microcircuit.Learning;
using Microcircuit.Training;

namespace Microcircuit.Tests.Gpu;

/// <summary>
/// Whole short runs on the ILGPU back end (its CPU accelerator) against the CPU back end: every rule on a dense network
/// and the microcircuit and BPTT on a convolutional one end within half a point of test accuracy of the CPU run. The two
/// differ by float rounding (sums in another order), which may flip a spike now and then; the runs must not drift apart.
/// The runs are short (300 samples, 2 epochs: chance is 0.10, they end between 0.17 and 0.6) because the CPU accelerator
/// is slow; 400 test samples make half a point two samples.
/// </summary>
public sealed class IlgpuTrainingTests
{
    private static readonly LabelledDataset Digits = DatasetCatalogue.Load("digits");

    private static TrainingOptions Options(string rule, string? net) => new()
    {
        Dataset = "digits", Rule = rule, Hidden = net is null ? [32] : null, Net = net, Epochs = 2, Batch = 25, Steps = 4, LearningRate = 5e-3f,
        TrainLimit = 300, TestLimit = 400, Seed = 2, Threads = 1,
    };

    private static (double Cpu, double Device) Both(TrainingOptions options)
    {
        var cancel = TestContext.Current.CancellationToken;
        double cpu = new Trainer(new Experiment(options, Digits)).Run(cancel).History[^1].TestAccuracy;
        double device;
        lock (SimulatedDevice.Gate)
        {
            var experiment = new Experiment(options, Digits, new ExperimentParts(Compute: _ => SimulatedDevice.Backend));
            device = new Trainer(experiment).Run(cancel).History[^1].TestAccuracy;
        }
        TestContext.Current.TestOutputHelper?.WriteLine($"{options.Rule} {options.Net ?? "dense, 32 hidden"}: test {cpu:F4} on the CPU, {device:F4} on the device");
        return (cpu, device);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_dense_run_ends_within_half_a_point_of_the_cpu_run(string rule)
    {
        var (cpu, device) = Both(Options(rule, null));
        Assert.True(cpu > 0.15, $"{rule}: the CPU run stayed at chance ({cpu:F4}); the comparison would say nothing");
        Assert.True(Math.Abs(cpu - device) <= 0.005, $"{rule}: test {device:F4} on the device against {cpu:F4} on the CPU");
    }

    public static TheoryData<string> Rules() => new(CreditAssignmentRules.BuiltIn);

    /// <summary>
    /// A seed means the same bits on the device too: its kernels sum in a fixed order (the one atomic, the spike count,
    /// adds whole numbers), so two runs give the same weights.
    /// </summary>
    [Fact]
    public void The_same_seed_gives_the_same_bits_on_the_device()
    {
        var options = Options("microcircuit", "4C3p1-P2-10") with { Epochs = 1, Bias = true };
        byte[] Train()
        {
            lock (SimulatedDevice.Gate)
            {
                var experiment = new Experiment(options, Digits, new ExperimentParts(Compute: _ => SimulatedDevice.Backend));
                new Trainer(experiment).Run(TestContext.Current.CancellationToken);
                return Reliability.RunFiles.WeightBytes(experiment);
            }
        }
        var first = Train();
        Assert.True(first.AsSpan().SequenceEqual(Train()), "two runs with one seed on the device ended with different weights");
        var weights = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(first);
        Assert.True(weights.ContainsAnyExcept(0f) && weights.IndexOfAnyExceptInRange(-1e6f, 1e6f) < 0,
            "the weights read back from the device are not finite numbers (a stale host copy?)");
    }

    /// <summary>The options that add passes: spike input, spiking error cells, eligibility traces, Dale's signs, biases, clipping.</summary>
    [Fact]
    public void A_run_with_every_optional_pass_ends_within_half_a_point_of_the_cpu_run()
    {
        var options = Options("microcircuit", null) with
        {
            Encoder = EncoderKind.Rate, ErrorCells = ErrorCellMode.Spiking, EligibilityTau = 5f, Dale = true, Bias = true, ClipNorm = 1f,
        };
        var (cpu, device) = Both(options);
        Assert.True(cpu > 0.15, $"the CPU run stayed at chance ({cpu:F4}); the comparison would say nothing");
        Assert.True(Math.Abs(cpu - device) <= 0.005, $"test {device:F4} on the device against {cpu:F4} on the CPU");
    }

    /// <summary>The STDP sampling form of the Hebbian product: its draws read the presynaptic traces on the host, from the device.</summary>
    [Fact]
    public void A_run_with_stdp_sampling_ends_within_half_a_point_of_the_cpu_run()
    {
        var (cpu, device) = Both(Options("microcircuit", null) with { Hebbian = HebbianForm.Stdp });
        Assert.True(cpu > 0.15, $"the CPU run stayed at chance ({cpu:F4}); the comparison would say nothing");
        Assert.True(Math.Abs(cpu - device) <= 0.005, $"test {device:F4} on the device against {cpu:F4} on the CPU");
    }

    [Theory]
    [InlineData("microcircuit")]
    [InlineData("bptt")]
    public void A_convolutional_run_ends_within_half_a_point_of_the_cpu_run(string rule)
    {
        var (cpu, device) = Both(Options(rule, "4C3p1-P2-10"));
        Assert.True(cpu > 0.15, $"{rule}: the CPU run stayed at chance ({cpu:F4}); the comparison would say nothing");
        Assert.True(Math.Abs(cpu - device) <= 0.005, $"{rule}: test {device:F4} on the device against {cpu:F4} on the CPU");
    }
}
