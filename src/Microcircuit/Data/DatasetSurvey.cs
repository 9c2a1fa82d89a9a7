using Microcircuit.Errors;

namespace Microcircuit.Data;

/// <summary>
/// Finds one dataset and, when asked, hashes its files (without decoding them) to say whether they are the
/// published data, a known variant or something else: the content of a <c>datasets</c> listing.
/// </summary>
internal static class DatasetSurvey
{
    public static DatasetStatus Survey(DatasetDefinition dataset, DatasetSearchPath searchPath, bool verify)
    {
        if (dataset.IsEmbedded)
        {
            return Embedded(dataset, verify);
        }

        DatasetLookup lookup = searchPath.Locate(dataset);
        IReadOnlyList<string> searched = lookup.Locations.Searched;
        if (!lookup.Found)
        {
            string detail = lookup.Partial ?? (searched.Count == 0 ? "no folder to search" : "not found");
            return new DatasetStatus(dataset.Name, null, DatasetVerification.NotChecked, detail, dataset.HowToGet, searched);
        }

        string folder = lookup.Locations.DataDir!;
        if (!dataset.Checksummed)
        {
            return new DatasetStatus(dataset.Name, folder, DatasetVerification.NotChecked, "no published checksums to compare with; the files are checked as they are read", dataset.HowToGet, searched);
        }

        if (!verify)
        {
            return new DatasetStatus(dataset.Name, folder, DatasetVerification.NotChecked, "checksums not computed", dataset.HowToGet, searched);
        }

        try
        {
            FileChecksum[] checksums = ParallelReads.Run(
                dataset.Files.Select(file => (Func<FileChecksum>)(() => Hash(file, lookup[file], dataset.Remedy))).ToArray());
            ChecksumReport report = ChecksumReport.Judge(dataset.Name, checksums);
            string detail = report.Verification == DatasetVerification.Mismatch
                ? $"SHA-256 of {Errors.OptionTemplate.Quote(report.Mismatch?.Path ?? "")} {ChecksumReport.Unrecognised(dataset.Name)}; fix: {dataset.Remedy}, or pass {{no_verify}}"
                : report.Summary;
            return new DatasetStatus(dataset.Name, folder, report.Verification, detail, dataset.HowToGet, searched);
        }
        catch (MicrocircuitException e)
        {
            return new DatasetStatus(dataset.Name, folder, DatasetVerification.Mismatch, e.Message, dataset.HowToGet, searched);
        }
    }

    private static DatasetStatus Embedded(DatasetDefinition dataset, bool verify)
    {
        if (!verify)
        {
            return new DatasetStatus(dataset.Name, DatasetCatalogue.Embedded, DatasetVerification.NotChecked,
                DigitsReader.Description, dataset.HowToGet, []);
        }

        try
        {
            LabelledDataset digits = DigitsReader.Load();
            return new DatasetStatus(dataset.Name, DatasetCatalogue.Embedded, DatasetVerification.Official,
                digits.Source, dataset.HowToGet, []);
        }
        catch (MicrocircuitException e)
        {
            return new DatasetStatus(dataset.Name, DatasetCatalogue.Embedded, DatasetVerification.Mismatch,
                e.Message, dataset.HowToGet, []);
        }
    }

    private static FileChecksum Hash(string file, string path, string remedy)
    {
        using PayloadReader reader = PayloadReader.Open(path, remedy);
        reader.SkipToEnd();
        return new FileChecksum(file, path, reader.Sha256());
    }
}
