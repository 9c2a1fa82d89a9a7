using Microcircuit.Tests.Cli;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Reliability;

/// <summary>
/// A path that is not a regular file — a FIFO, a device, a directory — where a data, config or checkpoint file is
/// expected is refused in one line, never opened: a FIFO would wait forever for a writer and /dev/zero never ends.
/// Run as a child process with a time limit, so a hang fails the test instead of stalling the suite.
/// </summary>
public sealed class SpecialFileTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    private string Fifo(string path)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) Assert.Skip("FIFOs are a Unix thing.");
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private static void AssertOneLine((int ExitCode, string Output, string Error) r, int exitCode, params string[] mentions) =>
        InProcess.AssertRefused(r, exitCode, mentions);

    [Fact]
    public void A_fifo_in_place_of_a_dataset_file_is_refused_not_waited_on()
    {
        string folder = _scratch.Folder("mnist");
        SyntheticFiles.WriteIdxDataset(folder, train: 50, test: 20, gzip: false);
        string images = Path.Combine(folder, "train-images-idx3-ubyte");
        File.Delete(images);
        Fifo(images);
        var r = ToolProcess.Run(["train", "--dataset", "mnist", "--data-dir", folder, "--no-verify", "--quiet"], timeout: Limit);
        AssertOneLine(r, 4, images, "FIFO");
    }

    [Fact]
    public void A_fifo_given_as_the_config_file_is_refused()
    {
        string fifo = Fifo(_scratch["config.json"]);
        var r = ToolProcess.Run(["train", "--config", fifo, "--quiet"], timeout: Limit);
        AssertOneLine(r, 2, fifo, "FIFO");
    }

    [Fact]
    public void A_device_given_as_the_config_file_is_refused()
    {
        if (!File.Exists("/dev/zero")) Assert.Skip("no /dev/zero here");
        var r = ToolProcess.Run(["train", "--config", "/dev/zero", "--quiet"], timeout: Limit);
        AssertOneLine(r, 2, "/dev/zero", "device");
    }

    [Fact]
    public void A_link_to_a_device_given_as_the_checkpoint_is_refused()
    {
        if (!File.Exists("/dev/zero")) Assert.Skip("no /dev/zero here");
        string link = _scratch["checkpoint.mcp"];
        File.CreateSymbolicLink(link, "/dev/zero");
        var r = ToolProcess.Run(["eval", "--checkpoint", link], timeout: Limit);
        AssertOneLine(r, 5, link, "device");
    }

    [Fact]
    public void A_fifo_in_place_of_a_runs_checkpoint_is_refused_on_resume()
    {
        string run = _scratch.Folder("run");
        Fifo(Path.Combine(run, "checkpoint.mcp"));
        var r = ToolProcess.Run(["train", "--resume", run, "--quiet"], timeout: Limit);
        AssertOneLine(r, 5, "checkpoint.mcp", "FIFO");
    }
}
