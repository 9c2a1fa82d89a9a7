using Microcircuit.Tests.Cli;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Reliability;

/// <summary>
/// Running out of memory — building the network, in the first batch, in evaluation — ends as exit 2 with one line
/// that says what was asked (the network's weights and cells, the batch, T) and what the process may use, never as
/// exit 1. The tool runs as a child process under a 96 MiB GC heap limit (DOTNET_GCHeapHardLimit), so the shortage is
/// real and the same on every machine.
/// </summary>
public sealed class MemoryShortageTests : IDisposable
{
    private static readonly Dictionary<string, string> SmallHeap = new() { ["DOTNET_GCHeapHardLimit"] = "0x6000000" };
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void Building_a_network_too_large_for_memory_is_exit_2_with_its_sizes()
    {
        var r = ToolProcess.Run(["train", "--hidden", "3000,3000", "--epochs", "1", "--quiet"], environment: SmallHeap);
        InProcess.AssertRefused(r, 2, "out of memory", "building the network", "64-3000-3000-10", "9,222,000 weights", "--batch 100", "--hidden");
    }

    [Fact]
    public void A_first_batch_too_large_for_memory_is_exit_2_with_its_sizes()
    {
        var r = ToolProcess.Run(["train", "--rule", "bptt", "--hidden", "1000", "--batch", "1000", "--steps", "200", "--epochs", "1", "--quiet"], environment: SmallHeap);
        InProcess.AssertRefused(r, 2, "out of memory", "epoch 1", "64-1000-10", "--batch 1000", "--steps (T) 200");
    }

    [Fact]
    public void Evaluating_a_checkpoint_too_large_for_memory_is_exit_2_with_its_size()
    {
        string run = _scratch["big"];
        var trained = InProcess.Run(["train", "--hidden", "3000,3000", "--epochs", "1", "--train-limit", "10", "--test-limit", "10", "--out", run, "--quiet"]);
        Assert.True(trained.ExitCode == 0, trained.Error);
        var r = ToolProcess.Run(["eval", "--checkpoint", run], environment: SmallHeap);
        InProcess.AssertRefused(r, 2, "out of memory", "checkpoint", "105 MiB", "may use 96 MiB");
    }
}
