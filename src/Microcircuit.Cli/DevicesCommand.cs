using System.Text.Json;
using Microcircuit.Compute;
using Microcircuit.Compute.Conformance;
using Spectre.Console;

namespace Microcircuit.Cli;

/// <summary>
/// `microcircuit devices`: the compute back ends, whether each can be opened here (and if not, why), and with --check how
/// far each lies from the CPU back end on the conformance suite.
/// </summary>
public static class DevicesCommand
{
    /// <summary>The largest relative difference from the CPU back end a back end may show and pass.</summary>
    public const double Tolerance = 1e-5;

    private sealed record Status(string Name, string Description, string? Opened, string? Problem, ConformanceResult? Worst, int Cases);

    public static Command Create(TextWriter output)
    {
        var check = new Option<bool>("--check") { Description = "Run the conformance suite on each back end that opens and compare it with the CPU back end" };
        var json = new Option<bool>("--json") { Description = "Print the list as JSON" };
        var command = new Command("devices", "List the compute back ends (--device) and whether each can be used here.\n\nExample:\n  microcircuit devices --check") { check, json };
        command.SetAction(parse =>
        {
            var statuses = ComputeBackends.All.Select(b => Describe(b.Name, b.Description, parse.GetValue(check))).ToArray();
            if (parse.GetValue(json)) WriteJson(statuses, output);
            else WriteTable(statuses, output);
            var failed = statuses.FirstOrDefault(s => s.Worst is { RelativeError: > Tolerance });
            if (failed is null) return 0;
            throw new MicrocircuitException(ErrorKind.InvalidOption,
                $"the {failed.Name} back end differs from the CPU back end by {failed.Worst!.RelativeError:G3} in {Name(failed.Worst)}; do not train with it (report it, with this line).");
        });
        return command;
    }

    private static Status Describe(string name, string description, bool check)
    {
        IComputeBackend backend;
        try
        {
            backend = ComputeBackends.Create(name, 1);
        }
        catch (MicrocircuitException e)
        {
            return new Status(name, description, null, e.Render(OptionKeys.FlagOf), null, 0);
        }
        catch (Exception e)
        {
            // A back end registered by a program may fail in its own way; the listing goes on.
            return new Status(name, description, null, $"could not be opened ({e.GetType().Name}: {e.Message.Split('\n')[0].Trim()})", null, 0);
        }
        if (!check) return new Status(name, description, backend.Device, null, null, 0);
        // Once on host arrays (copied per call) and once on arrays the back end adopted (where a GPU keeps a network's).
        var results = BackendConformance.Check(backend).Concat(BackendConformance.Check(backend, resident: true)).ToArray();
        return new Status(name, description, backend.Device, null, results.MaxBy(r => r.RelativeError), results.Length);
    }

    private static string Name(ConformanceResult r) => r.Detail.Length == 0 ? r.Operation : $"{r.Operation}, {r.Detail}";

    private static void WriteTable(IEnumerable<Status> statuses, TextWriter output)
    {
        var table = new Table().AddColumns("device", "what it is", "here", "against cpu");
        foreach (var s in statuses)
        {
            string here = s.Opened is { } o ? $"[green]ready[/] {Markup.Escape(o)}" : $"[grey]{Markup.Escape(s.Problem ?? "")}[/]";
            string against = s.Worst is { } w
                ? $"{(w.RelativeError <= Tolerance ? "[green]agrees[/]" : "[red]differs[/]")}: {w.RelativeError:G3} at most over {s.Cases} cases ({Markup.Escape(Name(w))})"
                : "";
            table.AddRow(new Markup(Markup.Escape(s.Name)), new Markup(Markup.Escape(s.Description)), new Markup(here), new Markup(against));
        }
        Tables.Write(table, output);
    }

    private static void WriteJson(IEnumerable<Status> statuses, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var s in statuses)
            {
                w.WriteStartObject();
                w.WriteString("device", s.Name);
                w.WriteString("description", s.Description);
                w.WriteBoolean("available", s.Opened is not null);
                w.WriteString("detail", s.Opened ?? s.Problem);
                if (s.Worst is { } worst)
                {
                    w.WriteNumber("cases", s.Cases);
                    if (double.IsFinite(worst.RelativeError)) w.WriteNumber("worst_relative_error", worst.RelativeError);
                    else w.WriteNull("worst_relative_error");   // a NaN on one side only: no number says how far
                    w.WriteString("worst_operation", Name(worst));
                    w.WriteBoolean("agrees", worst.RelativeError <= Tolerance);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
