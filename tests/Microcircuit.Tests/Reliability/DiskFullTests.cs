using System.Diagnostics;
using Microcircuit.Checkpoints;
using Microcircuit.Errors;
using Microcircuit.Reporting;
using Microcircuit.Storage;
using Microcircuit.Tests.Data;

namespace Microcircuit.Tests.Reliability;

/// <summary>
/// A full disk while writing: the previous file stays intact, no temporary file is left behind, the error is one
/// line (exit 7) that says so, and the run continues in place with --resume once there is space — ending with the
/// same weights, bit for bit, as a run that never met a full disk.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly ScratchFolder _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void A_write_that_fails_midway_leaves_the_old_file_and_no_temporary()
    {
        string file = _scratch["checkpoint.mcp"];
        File.WriteAllText(file, "previous");
        var e = Assert.ThrowsAny<MicrocircuitException>(() => AtomicFile.Write(file, stream =>
        {
            stream.Write(new byte[4096]);
            throw new IOException("No space left on device", 28);
        }));
        Assert.Equal(ErrorKind.Io, e.Kind);
        Assert.Contains("no space left", e.Message);
        Assert.Equal("previous", File.ReadAllText(file));
        Assert.Equal([file], Directory.GetFiles(_scratch.Path));
    }

    [Fact]
    public void A_run_that_meets_a_full_disk_keeps_its_checkpoint_and_resumes_in_place_when_space_returns()
    {
        string mount = _scratch.Folder("small-disk");
        if (!Mount(mount)) Assert.Skip("cannot mount a 2 MiB tmpfs here (needs root and mount rights); the injected-failure test above still runs");
        try
        {
            string run = Path.Combine(mount, "run");
            string[] options = ["--hidden", "100", "--steps", "2", "--train-limit", "200", "--test-limit", "50", "--quiet"];
            var first = InProcess.Run(["train", "--out", run, "--epochs", "1", .. options]);
            Assert.True(first.ExitCode == 0, first.Error);
            string checkpoint = Path.Combine(run, CheckpointFile.FileName);
            byte[] before = File.ReadAllBytes(checkpoint);

            string filler = Path.Combine(mount, "filler");
            long room = new DriveInfo(mount).AvailableFreeSpace - 24 * 1024;   // room for config.json and history.csv, not a checkpoint
            using (var fill = File.Create(filler)) fill.Write(new byte[Math.Max(0, room)]);

            var full = InProcess.Run(["train", "--resume", run, "--epochs", "2", .. options]);
            InProcess.AssertRefused(full, 7, "no space left", "--resume");
            Assert.Equal(before, File.ReadAllBytes(checkpoint));
            Assert.Empty(Directory.GetFiles(run, "*.tmp"));

            File.Delete(filler);
            var resumed = InProcess.Run(["train", "--resume", run, "--epochs", "2", .. options]);
            Assert.True(resumed.ExitCode == 0, resumed.Error);

            string straight = _scratch["straight"];
            Assert.Equal(0, InProcess.Run(["train", "--out", straight, "--epochs", "2", .. options]).ExitCode);
            Assert.Equal(RunFiles.WeightBytes(CheckpointFile.Read(straight)), RunFiles.WeightBytes(CheckpointFile.Read(run)));
        }
        finally
        {
            Run("umount", mount);
        }
    }

    private static bool Mount(string folder) =>
        OperatingSystem.IsLinux() && Run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", folder) == 0;

    private static int Run(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in arguments) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
