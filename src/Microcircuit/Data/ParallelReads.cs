using System.Runtime.ExceptionServices;

namespace Microcircuit.Data;

/// <summary>
/// Runs independent file reads on the thread pool. When reads fail, the error of the first failing read in
/// list order is rethrown as itself (not wrapped), so the message a user sees does not depend on timing.
/// </summary>
internal static class ParallelReads
{
    public static T[] Run<T>(IReadOnlyList<Func<T>> reads)
    {
        var results = new T[reads.Count];
        var errors = new Exception?[reads.Count];
        Parallel.For(0, reads.Count, i =>
        {
            try
            {
                results[i] = reads[i]();
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });

        foreach (Exception? error in errors)
        {
            if (error is not null)
            {
                ExceptionDispatchInfo.Capture(error).Throw();
            }
        }

        return results;
    }
}
