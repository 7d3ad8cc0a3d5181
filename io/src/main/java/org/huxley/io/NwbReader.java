package org.huxley.io;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.huxley.ModelException;

/**
 * Reads current-clamp data from NWB 2 files (HDF5) with jHDF, a pure-Java HDF5 reader.
 *
 * <p>Every group under {@code /acquisition} whose {@code neurodata_type} is
 * {@code CurrentClampSeries} becomes a sweep: {@code data} (unit volts) × {@code conversion} +
 * {@code offset} in mV, timed by {@code starting_time} and its {@code rate} (Hz) or by uniformly
 * spaced {@code timestamps} (s). Its stimulus is the {@code CurrentClampStimulusSeries} under
 * {@code /stimulus/presentation} with the same {@code sweep_number} (or, without sweep numbers,
 * the same name), in nA. Sweeps must be finite, non-empty and uniformly sampled, and a stimulus
 * must be sampled like its response; otherwise a {@link ModelException} names the file and
 * series.
 *
 * <p>jHDF ships a logging configuration that logs at INFO to stdout; this class sets
 * {@code org.slf4j.simpleLogger.log.io.jhdf=warn} unless the property is already set.
 */
public final class NwbReader {
    private static final String JHDF_LOG = "org.slf4j.simpleLogger.log.io.jhdf";

    static {
        if (System.getProperty(JHDF_LOG) == null) {
            System.setProperty(JHDF_LOG, "warn");
        }
    }

    private NwbReader() {
    }

    /**
     * Reads every current-clamp sweep.
     *
     * @param file the NWB file
     * @return its current-clamp sweeps
     */
    public static NwbFile read(Path file) {
        return read(file, name -> true);
    }

    /**
     * Reads the current-clamp sweeps whose series name passes {@code which} (others are not checked).
     *
     * @param file the NWB file
     * @param which selects series by name
     * @return the selected sweeps
     */
    public static NwbFile read(Path file, java.util.function.Predicate<String> which) {
        if (!Files.isRegularFile(file)) {
            throw new ModelException("NWB file " + file + " does not exist or is not a file");
        }
        String source = file.getFileName().toString();
        try (HdfFile hdf = new HdfFile(file)) {
            return read(source, hdf, which);
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelException(source + ": not a readable HDF5/NWB file (" + e.getMessage() + ")");
        }
    }

    private static NwbFile read(String source, HdfFile hdf, java.util.function.Predicate<String> which) {
        String version = stringAttr(hdf, "nwb_version", "");
        if (version.isEmpty() || !"NWBFile".equals(stringAttr(hdf, "neurodata_type", ""))) {
            throw new ModelException(source + ": not an NWB 2 file (the root lacks neurodata_type = NWBFile and "
                    + "nwb_version)");
        }
        if (!version.startsWith("2")) {
            throw new ModelException(source + ": NWB version " + version + " is not supported (NWB 2.x only)");
        }
        String identifier = stringDataset(hdf, "identifier");
        String session = stringDataset(hdf, "session_description");
        List<Group> stimuli = new ArrayList<>();
        Node pres = child(hdf, "stimulus/presentation");
        if (pres instanceof Group g) {
            for (Node n : g.getChildren().values()) {
                Node t = resolve(n);
                if (t instanceof Group sg && "CurrentClampStimulusSeries".equals(stringAttr(sg, "neurodata_type", ""))) {
                    stimuli.add(sg);
                }
            }
        }
        List<NwbFile.CurrentClampSweep> sweeps = new ArrayList<>();
        Node acq = child(hdf, "acquisition");
        if (acq instanceof Group g) {
            for (Map.Entry<String, Node> e : g.getChildren().entrySet()) {
                Node t = resolve(e.getValue());
                if (!(t instanceof Group series) || !"CurrentClampSeries".equals(stringAttr(series, "neurodata_type", ""))
                        || !which.test(e.getKey())) {
                    continue;
                }
                Trace response = series(source, series, "/acquisition/" + e.getKey(), "volts", 1e3, "mV");
                long sweep = longAttr(series, "sweep_number", -1);
                Group stim = matchStimulus(stimuli, e.getKey(), sweep);
                Trace current = null;
                if (stim != null) {
                    current = series(source, stim, "/stimulus/presentation/" + stim.getName(), "amperes", 1e9, "nA");
                    try {
                        response.requireSameSampling(current);
                    } catch (ModelException ex) {
                        throw new ModelException(source + ": response and stimulus of sweep '" + e.getKey() + "': "
                                + ex.getMessage());
                    }
                }
                Node el = series.getChild("electrode");
                String electrode = el instanceof Link l ? l.getTargetPath() : el != null ? el.getPath() : "";
                sweeps.add(new NwbFile.CurrentClampSweep(e.getKey(), sweep, electrode, response, current,
                        stringAttr(series, "description", "")));
            }
        }
        if (sweeps.isEmpty()) {
            throw new ModelException(source + ": no (selected) CurrentClampSeries under /acquisition");
        }
        return new NwbFile(source, version, identifier, session, sweeps);
    }

    private static Group matchStimulus(List<Group> stimuli, String name, long sweep) {
        if (sweep >= 0) {
            for (Group g : stimuli) {
                if (longAttr(g, "sweep_number", -2) == sweep) {
                    return g;
                }
            }
        }
        for (Group g : stimuli) {
            if (g.getName().equals(name)) {
                return g;
            }
        }
        return null;
    }

    /** A TimeSeries' data in the target unit, with its timing. */
    private static Trace series(String source, Group g, String path, String siUnit, double toTarget, String unit) {
        Node dn = g.getChild("data");
        if (!(resolve(dn) instanceof Dataset data)) {
            throw new ModelException(source + ": " + path + " has no data");
        }
        String u = stringAttr(data, "unit", siUnit);
        double unitScale = switch (u.toLowerCase(Locale.ROOT)) {
            case "volts", "volt", "v", "amperes", "ampere", "amps", "a" -> 1.0;
            default -> throw new ModelException(source + ": " + path + "/data has unit '" + u + "', expected " + siUnit);
        };
        if ((siUnit.equals("volts") && u.toLowerCase(Locale.ROOT).startsWith("a"))
                || (siUnit.equals("amperes") && u.toLowerCase(Locale.ROOT).startsWith("v"))) {
            throw new ModelException(source + ": " + path + "/data has unit '" + u + "', expected " + siUnit);
        }
        double conversion = doubleAttr(data, "conversion", 1.0);
        double offset = doubleAttr(data, "offset", 0.0);
        double[] raw = toDoubles(source, path + "/data", data.getDataFlat());
        if (raw.length == 0) {
            throw new ModelException(source + ": " + path + "/data is empty");
        }
        double[] v = new double[raw.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = (raw[k] * conversion + offset) * unitScale * toTarget;
            if (!Double.isFinite(v[k])) {
                throw new ModelException(source + ": " + path + "/data has a non-finite value (" + raw[k] + ") at sample "
                        + k);
            }
        }
        double t0;
        double dt;
        Node st = resolve(g.getChild("starting_time"));
        Node ts = resolve(g.getChild("timestamps"));
        if (st instanceof Dataset start) {
            t0 = 1000.0 * toDoubles(source, path + "/starting_time", start.getDataFlat())[0];
            double rate = doubleAttr(start, "rate", Double.NaN);
            if (!(rate > 0) || !Double.isFinite(rate)) {
                throw new ModelException(source + ": " + path + "/starting_time needs a positive rate (Hz), got " + rate);
            }
            dt = 1000.0 / rate;
        } else if (ts instanceof Dataset stamps) {
            double[] t = toDoubles(source, path + "/timestamps", stamps.getDataFlat());
            if (t.length != v.length) {
                throw new ModelException(source + ": " + path + " has " + v.length + " samples but " + t.length
                        + " timestamps");
            }
            t0 = 1000.0 * t[0];
            dt = t.length > 1 ? 1000.0 * (t[1] - t[0]) : 1.0;
            for (int k = 1; k < t.length; k++) {
                double expected = t0 + k * dt;
                if (Math.abs(1000.0 * t[k] - expected) > 1e-6 * dt) {
                    throw new ModelException(String.format(Locale.ROOT,
                            "%s: %s: mismatched sampling: timestamp %d is %s ms, expected %s ms for a uniform "
                                    + "interval of %s ms", source, path, k, 1000.0 * t[k], expected, dt));
                }
            }
        } else {
            throw new ModelException(source + ": " + path + " has neither starting_time nor timestamps");
        }
        return new Trace(path, unit, t0, dt, v);
    }

    private static double[] toDoubles(String source, String path, Object flat) {
        if (flat == null || !flat.getClass().isArray()) {
            throw new ModelException(source + ": " + path + " is not a numeric array");
        }
        int n = Array.getLength(flat);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            Object o = Array.get(flat, i);
            if (!(o instanceof Number num)) {
                throw new ModelException(source + ": " + path + " is not numeric");
            }
            out[i] = num.doubleValue();
        }
        return out;
    }

    private static Node child(Group g, String path) {
        try {
            return resolve(g.getByPath(path));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Node resolve(Node n) {
        while (n instanceof Link l) {
            n = l.getTarget();
        }
        return n;
    }

    private static Object attr(Node n, String name) {
        Attribute a = n.getAttribute(name);
        if (a == null || a.isEmpty()) {
            return null;
        }
        Object d = a.getData();
        if (d != null && d.getClass().isArray()) {
            d = Array.getLength(d) > 0 ? Array.get(d, 0) : null;
        }
        return d;
    }

    private static String stringAttr(Node n, String name, String dflt) {
        Object d = attr(n, name);
        return d == null ? dflt : d.toString();
    }

    private static double doubleAttr(Node n, String name, double dflt) {
        Object d = attr(n, name);
        return d instanceof Number num ? num.doubleValue() : dflt;
    }

    private static long longAttr(Node n, String name, long dflt) {
        Object d = attr(n, name);
        return d instanceof Number num ? num.longValue() : dflt;
    }

    private static String stringDataset(Group g, String path) {
        Node n = child(g, path);
        if (n instanceof Dataset d) {
            Object v = d.getData();
            if (v != null && v.getClass().isArray()) {
                v = Array.getLength(v) > 0 ? Array.get(v, 0) : null;
            }
            return v == null ? "" : v.toString();
        }
        return "";
    }
}
