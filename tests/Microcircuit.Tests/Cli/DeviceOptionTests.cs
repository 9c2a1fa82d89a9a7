using Microcircuit.Cli;
using Microcircuit.Compute;
using Microcircuit.Compute.Cpu;
using Microcircuit.Errors;
using Microcircuit.Tests.Data;
using Microcircuit.Training;

namespace Microcircuit.Tests.Cli;

/// <summary>`--device`: the compute back end by name; one that cannot be had is one line and exit 2, never a stack trace.</summary>
public sealed class DeviceOptionTests
{
    private static (int Exit, string Output, string Error) Run(params string[] arguments)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exit = CommandLine.Run(arguments, output, error);
        return (exit, output.ToString(), error.ToString().TrimEnd());
    }

    [Fact]
    public void Cuda_without_a_gpu_is_one_line_and_exit_2()
    {
        bool hasGpu;
        try
        {
            using var probe = Microcircuit.Gpu.IlgpuBackend.Cuda();
            hasGpu = true;
        }
        catch (OptionException)
        {
            hasGpu = false;
        }
        if (hasGpu) Assert.Skip("this machine has a CUDA device");
        using var folder = new ScratchFolder();
        var r = Run("train", "--device", "cuda", "--epochs", "1", "--quiet", "--out", folder["run"]);
        Assert.Equal(2, r.Exit);
        Assert.Single(r.Error.Split('\n'));
        Assert.StartsWith("error: ", r.Error);
        Assert.Contains("--device cpu", r.Error);
        Assert.False(File.Exists(Path.Combine(folder["run"], "checkpoint.mcp")), "a run that could not start left a checkpoint");

        var compare = Run("compare", "--rules", "fa", "--seeds", "1", "--epochs", "1", "--hidden", "8", "--device", "cuda", "--out", folder["cmp"]);
        Assert.Equal(2, compare.Exit);
        Assert.Single(compare.Error.Split('\n'));
        Assert.False(File.Exists(Path.Combine(folder["cmp"], "comparison-plan.json")), "compare wrote a plan it cannot run");
    }

    [Fact]
    public void An_unknown_device_names_the_ones_there_are()
    {
        using var folder = new ScratchFolder();
        var r = Run("train", "--device", "tpu", "--epochs", "1", "--quiet", "--out", folder["run"]);
        Assert.Equal(2, r.Exit);
        Assert.Equal("error: --device 'tpu' is not a compute back end here; give one of: cpu, cuda.", r.Error);
    }

    [Fact]
    public void The_device_is_recorded_and_a_registered_back_end_is_used()
    {
        using var folder = new ScratchFolder();
        var r = Run("train", "--device", "CPU", "--epochs", "1", "--hidden", "16", "--train-limit", "100", "--test-limit", "50", "--quiet", "--out", folder["run"]);
        Assert.True(r.Exit == 0, r.Error);
        Assert.Contains("\"device\": \"cpu\"", File.ReadAllText(Path.Combine(folder["run"], "config.json")));

        IComputeBackend? made = null;
        ComputeBackends.Register("test-counting", "a counting wrapper", threads => made = new Microcircuit.Tests.Compute.CountingBackend(new CpuBackend(threads)));
        try
        {
            var experiment = new Experiment(new TrainingOptions { Dataset = "digits", Device = "test-counting", Hidden = [8], Epochs = 1, TrainLimit = 50, TestLimit = 20 },
                Microcircuit.Data.DatasetCatalogue.Load("digits"));
            Assert.Same(made, experiment.Network.Compute);
        }
        finally
        {
            ComputeBackends.Unregister("test-counting");
        }
    }

    [Fact]
    public void Devices_lists_every_back_end_and_checks_the_ones_that_open()
    {
        var r = Run("devices", "--check", "--json");
        Assert.True(r.Exit == 0, r.Error);
        using var document = System.Text.Json.JsonDocument.Parse(r.Output);
        var cpu = document.RootElement.EnumerateArray().Single(e => e.GetProperty("device").GetString() == "cpu");
        Assert.True(cpu.GetProperty("available").GetBoolean());
        Assert.True(cpu.GetProperty("agrees").GetBoolean());
        Assert.Equal(2 * Microcircuit.Compute.Conformance.ConformanceCases.All.Count, cpu.GetProperty("cases").GetInt32());   // on host arrays, then on adopted ones
        var cuda = document.RootElement.EnumerateArray().Single(e => e.GetProperty("device").GetString() == "cuda");
        if (!cuda.GetProperty("available").GetBoolean()) Assert.Contains("--device cpu", cuda.GetProperty("detail").GetString());
    }

    /// <summary>A checkpoint names the back end it was trained on; eval takes its own (cpu unless told), and compare --resume may change it.</summary>
    [Fact]
    public void Eval_and_a_resumed_comparison_choose_their_own_back_end()
    {
        using var folder = new ScratchFolder();
        ComputeBackends.Register("test-elsewhere", "a back end that exists only while it trains", threads => new CpuBackend(threads));
        try
        {
            var trained = Run("train", "--device", "test-elsewhere", "--epochs", "1", "--hidden", "16", "--train-limit", "100", "--test-limit", "50", "--quiet", "--out", folder["run"]);
            Assert.True(trained.Exit == 0, trained.Error);
        }
        finally
        {
            ComputeBackends.Unregister("test-elsewhere");
        }
        var eval = Run("eval", "--checkpoint", folder["run"], "--test-limit", "50");
        Assert.True(eval.Exit == 0, eval.Error);
        var elsewhere = Run("eval", "--checkpoint", folder["run"], "--device", "test-elsewhere");
        Assert.Equal(2, elsewhere.Exit);
        Assert.Contains("--device 'test-elsewhere' is not a compute back end here", elsewhere.Error);

        string[] compare = ["compare", "--rules", "fa", "--seeds", "1", "--epochs", "1", "--hidden", "8", "--train-limit", "60", "--test-limit", "20", "--alignment", "0", "--out", folder["cmp"]];
        Assert.Equal(0, Run(compare).Exit);
        var refused = Run("compare", "--resume", folder["cmp"], "--device", "tpu");
        Assert.Equal(2, refused.Exit);
        Assert.Contains("--device 'tpu'", refused.Error);
        var resumed = Run("compare", "--resume", folder["cmp"], "--device", "cpu");
        Assert.True(resumed.Exit == 0, resumed.Error);
    }
}
