#!/usr/bin/env python3
"""Writes the NWB 2 fixtures of huxley-io's tests with h5py (Debian's python3-h5py 3.7, HDF5 1.10).

Run once, by hand, from this folder:  /usr/bin/python3 make_nwb_fixture.py
It is not part of the build; its outputs are committed (see README.md).

single_comp.nwb: two current-clamp sweeps of single_comp_sweeps.csv (simulated by Huxley, see the
CSV header) laid out as NWB 2.7 (core namespace): /acquisition/<name> CurrentClampSeries (data
float32 in mV with conversion 0.001 -> volts, starting_time with rate 20000 Hz, sweep_number) and
/stimulus/presentation/<name> CurrentClampStimulusSeries (data float64 in pA with conversion 1e-12
-> amperes); sweep 1 is timed by timestamps instead of starting_time; electrode and device under
/general. bad_sampling.nwb: one sweep whose stimulus is sampled at 10 kHz, one with a NaN sample.
"""
import csv
import uuid

import h5py
import numpy as np

STR = h5py.string_dtype('utf-8')


def attrs(obj, neurodata_type, **kw):
    obj.attrs.create('namespace', 'core', dtype=STR)
    obj.attrs.create('neurodata_type', neurodata_type, dtype=STR)
    obj.attrs.create('object_id', str(uuid.uuid5(uuid.NAMESPACE_URL, obj.file.filename + obj.name)), dtype=STR)
    for k, v in kw.items():
        if isinstance(v, str):
            obj.attrs.create(k, v, dtype=STR)
        else:
            obj.attrs[k] = v


def nwb_file(path, identifier):
    f = h5py.File(path, 'w')
    attrs(f, 'NWBFile', nwb_version='2.7.0')
    f.create_dataset('identifier', data=identifier, dtype=STR)
    f.create_dataset('session_description', data='Huxley io test fixture (simulated single compartment)',
                     dtype=STR)
    f.create_dataset('session_start_time', data='2026-01-01T00:00:00+00:00', dtype=STR)
    f.create_dataset('timestamps_reference_time', data='2026-01-01T00:00:00+00:00', dtype=STR)
    f.create_dataset('file_create_date', data=['2026-01-01T00:00:00+00:00'], dtype=STR)
    for g in ['acquisition', 'analysis', 'processing', 'stimulus/presentation', 'stimulus/templates',
              'general/devices', 'general/intracellular_ephys']:
        f.require_group(g)
    dev = f['general/devices'].create_group('amplifier')
    attrs(dev, 'Device', description='simulated amplifier')
    el = f['general/intracellular_ephys'].create_group('electrode0')
    attrs(el, 'IntracellularElectrode', description='simulated whole-cell electrode')
    el['device'] = h5py.SoftLink('/general/devices/amplifier')
    return f


def series(parent, name, neurodata_type, data, conversion, unit, sweep, rate=None, timestamps=None):
    g = parent.create_group(name)
    attrs(g, neurodata_type, description='sweep %d' % sweep, comments='no comments',
          stimulus_description='step', sweep_number=np.uint32(sweep))
    d = g.create_dataset('data', data=data)
    d.attrs['conversion'] = np.float32(conversion) if data.dtype == np.float32 else conversion
    d.attrs['offset'] = 0.0
    d.attrs['resolution'] = -1.0
    d.attrs.create('unit', unit, dtype=STR)
    if rate is not None:
        st = g.create_dataset('starting_time', data=0.0)
        st.attrs['rate'] = rate
        st.attrs.create('unit', 'seconds', dtype=STR)
    else:
        ts = g.create_dataset('timestamps', data=timestamps)
        ts.attrs['interval'] = np.int32(1)
        ts.attrs.create('unit', 'seconds', dtype=STR)
    g['electrode'] = h5py.SoftLink('/general/intracellular_ephys/electrode0')
    g.create_dataset('gain', data=1.0)
    return g


def main():
    with open('single_comp_sweeps.csv') as fh:
        rows = [r for r in csv.reader(l for l in fh if not l.startswith('#'))]
    header, values = rows[0], np.array(rows[1:], dtype=np.float64)
    t_s = values[:, 0] / 1000.0
    rate = 20000.0
    with nwb_file('single_comp.nwb', 'huxley-io-fixture-single-comp') as f:
        for sweep in range(2):
            v_mv = values[:, 1 + 2 * sweep]
            i_na = values[:, 2 + 2 * sweep]
            name = 'CurrentClampSeries%03d' % sweep
            timing = dict(rate=rate) if sweep == 0 else dict(timestamps=np.arange(len(t_s)) / rate)
            series(f['acquisition'], name, 'CurrentClampSeries', v_mv.astype(np.float32), 1e-3, 'volts', sweep,
                   **timing)
            series(f['stimulus/presentation'], 'CurrentClampStimulusSeries%03d' % sweep,
                   'CurrentClampStimulusSeries', i_na * 1000.0, 1e-12, 'amperes', sweep, **timing)
    with nwb_file('bad_sampling.nwb', 'huxley-io-fixture-bad') as f:
        v = values[:, 1].astype(np.float32)
        series(f['acquisition'], 'mismatched', 'CurrentClampSeries', v, 1e-3, 'volts', 0, rate=rate)
        series(f['stimulus/presentation'], 'mismatched_stim', 'CurrentClampStimulusSeries',
               values[::2, 2] * 1000.0, 1e-12, 'amperes', 0, rate=rate / 2)
        bad = v.copy()
        bad[17] = np.nan
        series(f['acquisition'], 'with_nan', 'CurrentClampSeries', bad, 1e-3, 'volts', 1, rate=rate)


if __name__ == '__main__':
    main()
