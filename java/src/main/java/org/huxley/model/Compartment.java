package org.huxley.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.huxley.mech.Mechanism;
import org.huxley.mech.Param;
import org.huxley.mech.StateVar;

/**
 * One compartment: a cylinder (or, from SWC, a chain of frusta) with its membrane mechanisms.
 * Usable on its own as a one-compartment model. Defaults are Jaxley's: length 10 µm, radius 1 µm,
 * axial resistivity 5000 Ω·cm, capacitance 1 µF/cm², v −70 mV.
 */
public final class Compartment extends Module {
    private final double[] geometry = new double[CompartmentField.values().length];
    private final Set<Mechanism> mechanisms = new LinkedHashSet<>();
    private final Map<String, Double> values = new LinkedHashMap<>();

    /** A default compartment (Jaxley's defaults, cylinder geometry). */
    public Compartment() {
        for (CompartmentField f : CompartmentField.values()) {
            geometry[f.ordinal()] = f.info().defaultValue();
        }
        recomputeCylinder();
    }

    /** {@return a deep copy (geometry, mechanisms and their values; no stimuli or recordings)} */
    public Compartment copy() {
        Compartment c = new Compartment();
        System.arraycopy(geometry, 0, c.geometry, 0, geometry.length);
        c.mechanisms.addAll(mechanisms);
        c.values.putAll(values);
        c.mechanismOrder().addAll(mechanismOrder());
        return c;
    }

    /**
     * {@return the value of a geometry field or of v}
     *
     * @param f the field
     */
    public double get(CompartmentField f) {
        return geometry[f.ordinal()];
    }

    /** Sets a field without recomputation; see {@link #setGeometry} for the cylinder rule. */
    void setRaw(CompartmentField f, double value) {
        geometry[f.ordinal()] = value;
    }

    /** Sets a field; length and radius recompute area, volume and both loads as a cylinder. */
    void setGeometry(CompartmentField f, double value) {
        geometry[f.ordinal()] = value;
        if (f.recomputesCylinder()) {
            recomputeCylinder();
        }
    }

    private void recomputeCylinder() {
        double l = get(CompartmentField.LENGTH);
        double r = get(CompartmentField.RADIUS);
        geometry[CompartmentField.AREA.ordinal()] = 2.0 * Math.PI * r * l;
        geometry[CompartmentField.VOLUME.ordinal()] = Math.PI * r * r * l;
        double load = (l / 2.0) / (Math.PI * r * r);
        geometry[CompartmentField.RESISTIVE_LOAD_IN.ordinal()] = load;
        geometry[CompartmentField.RESISTIVE_LOAD_OUT.ordinal()] = load;
    }

    /**
     * Sets geometry as computed elsewhere (e.g. from SWC frusta), without the cylinder rule.
     *
     * @param lengthUm length, µm
     * @param radiusUm radius, µm
     * @param areaUm2 membrane area, µm²
     * @param volumeUm3 volume, µm³
     * @param loadInPerUm resistive load of the proximal half, 1/µm
     * @param loadOutPerUm resistive load of the distal half, 1/µm
     */
    public void setMeasuredGeometry(double lengthUm, double radiusUm, double areaUm2, double volumeUm3,
            double loadInPerUm, double loadOutPerUm) {
        setRaw(CompartmentField.LENGTH, lengthUm);
        setRaw(CompartmentField.RADIUS, radiusUm);
        setRaw(CompartmentField.AREA, areaUm2);
        setRaw(CompartmentField.VOLUME, volumeUm3);
        setRaw(CompartmentField.RESISTIVE_LOAD_IN, loadInPerUm);
        setRaw(CompartmentField.RESISTIVE_LOAD_OUT, loadOutPerUm);
    }

    /** {@return mechanisms in this compartment, in insertion order} */
    public Set<Mechanism> insertedMechanisms() {
        return Collections.unmodifiableSet(mechanisms);
    }

    /**
     * {@return whether the mechanism is inserted here}
     *
     * @param m the mechanism
     */
    public boolean has(Mechanism m) {
        return mechanisms.contains(m);
    }

    /** Adds a mechanism with its default parameter and state values (existing values are kept). */
    void addMechanism(Mechanism m) {
        if (mechanisms.add(m)) {
            for (Param p : m.params()) {
                values.putIfAbsent(p.key(), p.info().defaultValue());
            }
            for (StateVar s : m.states()) {
                values.putIfAbsent(s.key(), s.info().defaultValue());
            }
        }
    }

    /**
     * {@return whether a mechanism parameter or state has a value here}
     *
     * @param f a parameter or state
     */
    public boolean hasValue(Field f) {
        return values.containsKey(f.key());
    }

    /**
     * {@return the value of a mechanism parameter or state, or NaN if it is not defined here}
     *
     * @param f a parameter or state
     */
    public double value(Field f) {
        if (f instanceof CompartmentField cf) {
            return get(cf);
        }
        Double v = values.get(f.key());
        return v == null ? Double.NaN : v;
    }

    void setValue(Field f, double v) {
        values.put(f.key(), v);
    }

    // ---- Module view of a lone compartment: one cell, one branch, one compartment ----

    @Override
    public int numCells() {
        return 1;
    }

    @Override
    public int numBranches(int cell) {
        checkIndex("cell", cell, 1);
        return 1;
    }

    @Override
    public int numComps(int cell, int branch) {
        checkIndex("branch", branch, 1);
        return 1;
    }

    @Override
    public Compartment compartment(Site s) {
        if (s.cell() != 0 || s.branch() != 0 || s.comp() != 0) {
            throw new IndexOutOfBoundsException("a compartment module has only cell 0 branch 0 comp 0, not " + s);
        }
        return this;
    }

    @Override
    public int[] parents(int cell) {
        return new int[] {-1};
    }

    static List<Compartment> copies(List<Compartment> comps) {
        List<Compartment> out = new ArrayList<>(comps.size());
        for (Compartment c : comps) {
            out.add(c.copy());
        }
        return out;
    }
}
