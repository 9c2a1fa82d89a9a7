"""Writes a small file in the layout of the Spiking Heidelberg Digits (shd_train.h5) with h5py, as the published files
were written: spikes/times (variable-length float16 rows, seconds), spikes/units (variable-length uint16 rows),
labels (uint16) and an 'extra' group the reader ignores. Usage: make_shd.py OUT.h5"""
import sys

import h5py
import numpy as np

times = [[0.0, 0.25, 0.5], [], [0.75]]
units = [[1, 2, 699], [], [7]]
labels = [0, 19, 10]

with h5py.File(sys.argv[1], "w") as f:
    spikes = f.create_group("spikes")
    t = spikes.create_dataset("times", (len(times),), dtype=h5py.vlen_dtype(np.dtype("float16")))
    u = spikes.create_dataset("units", (len(units),), dtype=h5py.vlen_dtype(np.dtype("uint16")))
    for i, (row_t, row_u) in enumerate(zip(times, units)):
        t[i] = np.array(row_t, dtype="float16")
        u[i] = np.array(row_u, dtype="uint16")
    f.create_dataset("labels", data=np.array(labels, dtype="uint16"))
    extra = f.create_group("extra")
    extra.create_dataset("speaker", data=np.array([1, 2, 3], dtype="uint16"))
    extra.create_dataset("keys", data=np.array([b"zero", b"one"], dtype="S5"))
