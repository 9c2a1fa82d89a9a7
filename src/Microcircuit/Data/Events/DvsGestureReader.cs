namespace Microcircuit.Data.Events;

/// <summary>Reads the DvsGesture dataset into event streams (to be written).</summary>
internal static class DvsGestureReader
{
    public static LabelledDataset Load(DatasetLookup lookup) => throw new NotImplementedException(lookup.Definition.Name);
}
