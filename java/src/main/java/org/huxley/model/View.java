package org.huxley.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.huxley.ModelException;
import org.huxley.mech.Current;
import org.huxley.mech.Mechanism;
import org.huxley.mech.MechanismKind;
import org.huxley.mech.StateVar;

/**
 * A selection of compartments of one module. Indices are local to the selection: on a view,
 * {@code branch(0)} is the first branch present in the view within each selected cell, so
 * {@code cell.group("soma").branch(0)} is the first soma branch. {@link #loc(double)} picks, on each
 * selected branch, compartment ⌊x·ncomp/(1 + 1e−10)⌋ (Jaxley's rule: loc 1 is the last compartment
 * and a location on an interior boundary goes to the proximal compartment).
 *
 * <p>The view remembers its last selection level ({@link #sharing()}): a parameter layout declared on
 * it gets one value per cell, branch or compartment, or one shared value for a whole module or group.
 */
public final class View {
    /** How a parameter declared on this view is shared (Jaxley's make_trainable rule). */
    public enum Sharing {
        /** One value for the whole selection (module or group). */
        SHARED,
        /** One value per selected cell. */
        PER_CELL,
        /** One value per selected branch. */
        PER_BRANCH,
        /** One value per selected compartment. */
        PER_COMP
    }

    private final Module module;
    private final List<Site> sites;
    private final Sharing sharing;
    private final String description;

    View(Module module, List<Site> sites, Sharing sharing, String description) {
        this.module = module;
        this.sites = List.copyOf(new TreeSet<>(sites));
        this.sharing = sharing;
        this.description = description;
        if (this.sites.isEmpty()) {
            throw new ModelException("selection " + description + " is empty");
        }
    }

    /** {@return the model this view selects from} */
    public Module module() {
        return module;
    }

    /** {@return the selected compartments, in model order} */
    public List<Site> sites() {
        return sites;
    }

    /** {@return number of selected compartments} */
    public int size() {
        return sites.size();
    }

    /** {@return whether parameters declared on this selection are shared or per element} */
    public Sharing sharing() {
        return sharing;
    }

    /**
     * How the view was selected, e.g. {@code all.cell(1).branch(0)}.
     *
     * @return a short description for messages, e.g. the selection path
     */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return description + " (" + sites.size() + " compartments)";
    }

    // ---- selection ----

    /**
     * {@return the i-th cells of this selection (indices local to it)}
     *
     * @param index cell indices within this selection
     */
    public View cell(int... index) {
        return pick(Site::cell, index, "cell", s -> -1, Sharing.PER_CELL);
    }

    /**
     * {@return the j-th branches of each selected cell (indices local to the selection)}
     *
     * @param index branch indices within each selected cell
     */
    public View branch(int... index) {
        return pick(Site::branch, index, "branch", Site::cell, Sharing.PER_BRANCH);
    }

    /**
     * {@return the k-th compartments of each selected branch (indices local to the selection)}
     *
     * @param index compartment indices within each selected branch
     */
    public View comp(int... index) {
        return pick(Site::comp, index, "comp", s -> s.cell() * 1_000_003L + s.branch(), Sharing.PER_COMP);
    }

    /**
     * Selects, on each selected branch, the compartment at relative position x ∈ [0, 1].
     *
     * @param x relative position along the branch, 0 proximal, 1 distal
     * @return the selected compartments
     */
    public View loc(double x) {
        if (!(x >= 0.0 && x <= 1.0)) {
            throw new ModelException("loc(" + x + ") on " + description + ": x must lie in [0, 1]");
        }
        Set<Site> out = new LinkedHashSet<>();
        for (Site s : sites) {
            int ncomp = module.numComps(s.cell(), s.branch());
            int k = (int) Math.floor(x * ncomp / (1.0 + 1e-10));
            out.add(new Site(s.cell(), s.branch(), Math.min(k, ncomp - 1)));
        }
        return new View(module, new ArrayList<>(out), Sharing.PER_COMP, description + ".loc(" + x + ")");
    }

    /**
     * {@return the part of this selection that belongs to a named group}
     *
     * @param name the group's name
     */
    public View group(String name) {
        Set<Site> members = module.groupsInternal().get(name);
        if (members == null) {
            throw new ModelException("no group named '" + name + "'; groups: " + module.groupNames());
        }
        List<Site> out = new ArrayList<>();
        for (Site s : sites) {
            if (members.contains(s)) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            throw new ModelException("group '" + name + "' has no compartment in " + description);
        }
        return new View(module, out, Sharing.SHARED, description + ".group(" + name + ")");
    }

    /**
     * Adds the selected compartments to a named group (created if new).
     *
     * @param name the group's name
     * @return this view
     */
    public View addToGroup(String name) {
        if (name == null || name.isBlank()) {
            throw new ModelException("group name must not be blank");
        }
        module.groupsInternal().computeIfAbsent(name, k -> new LinkedHashSet<>()).addAll(sites);
        return this;
    }

    private View pick(Function<Site, Integer> level, int[] index, String what,
            Function<Site, Object> parentKey, Sharing newSharing) {
        if (index == null || index.length == 0) {
            throw new ModelException(what + "(): give at least one index");
        }
        // One pass: the sites of each parent, in order, and the distinct values of the level there.
        Map<Object, List<Site>> byParent = new LinkedHashMap<>();
        for (Site s : sites) {
            byParent.computeIfAbsent(parentKey.apply(s), k -> new ArrayList<>()).add(s);
        }
        List<Site> out = new ArrayList<>();
        for (List<Site> members : byParent.values()) {
            List<Integer> values = new ArrayList<>();
            Set<Integer> seen = new java.util.HashSet<>();
            for (Site s : members) {
                if (seen.add(level.apply(s))) {
                    values.add(level.apply(s));
                }
            }
            Set<Integer> chosen = new java.util.HashSet<>();
            for (int i : index) {
                if (i < 0 || i >= values.size()) {
                    throw new ModelException(what + " index " + i + " out of range 0.." + (values.size() - 1)
                            + " in " + description);
                }
                chosen.add(values.get(i));
            }
            for (Site s : members) {
                if (chosen.contains(level.apply(s))) {
                    out.add(s);
                }
            }
        }
        String idx = index.length == 1 ? Integer.toString(index[0]) : Arrays.toString(index);
        return new View(module, out, newSharing, description + "." + what + "(" + idx + ")");
    }

    // ---- modification ----

    /**
     * Inserts a channel into every selected compartment (defaults for its parameters and states).
     *
     * @param m the mechanism
     * @return this view
     */
    public View insert(Mechanism m) {
        if (m.kind() != MechanismKind.CHANNEL) {
            throw new ModelException(m.name() + " is a synapse: connect it in a Network instead of insert()");
        }
        for (Site s : sites) {
            module.compartment(s).addMechanism(m);
        }
        module.mergeMechanismOrder(List.of(m));
        return this;
    }

    /**
     * Sets a field on every selected compartment where it is defined. Geometry length or radius
     * recompute the cylinder area, volume and loads.
     *
     * @param f the field
     * @param value its value, in the field's unit
     * @return this view
     * @throws ModelException if the value is outside the field's valid range, or the field is defined
     *     on none of the selected compartments (mechanism not inserted)
     */
    public View set(Field f, double value) {
        FieldInfo info = f.info();
        if (!info.accepts(value)) {
            throw new ModelException(f.key() + " = " + value + " on " + description + " (first compartment: "
                    + sites.get(0) + ") is outside its valid range ["
                    + info.lo() + ", " + info.hi() + "] " + info.unit());
        }
        if (f instanceof CompartmentField cf) {
            for (Site s : sites) {
                module.compartment(s).setGeometry(cf, value);
            }
            return this;
        }
        int n = 0;
        for (Site s : sites) {
            Compartment c = module.compartment(s);
            if (c.hasValue(f)) {
                c.setValue(f, value);
                n++;
            }
        }
        if (n == 0) {
            throw new ModelException(f.key() + " is not defined on " + description + " (first compartment: "
                    + sites.get(0) + "): insert its mechanism there first");
        }
        return this;
    }

    /**
     * {@return current values of a field, one per selected compartment (NaN where undefined)}
     *
     * @param f the field
     */
    public double[] get(Field f) {
        double[] out = new double[sites.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = module.compartment(sites.get(i)).value(f);
        }
        return out;
    }

    /**
     * Injects the same current (nA per sample) into every selected compartment.
     *
     * @param currentNa the current, nA, one sample per step
     * @return this view
     */
    public View stimulate(double[] currentNa) {
        requireSamples("stimulate", currentNa);
        for (Site s : sites) {
            module.addStimulus(new Stimulus(s, currentNa.clone()));
        }
        return this;
    }

    /**
     * Clamps the voltage (mV per sample) of every selected compartment.
     *
     * @param voltageMv the voltage, mV, one sample per step
     * @return this view
     */
    public View clamp(double[] voltageMv) {
        requireSamples("clamp", voltageMv);
        for (Site s : sites) {
            module.addClamp(new Clamp(s, voltageMv.clone()));
        }
        return this;
    }

    private void requireSamples(String what, double[] samples) {
        if (samples == null || samples.length == 0) {
            throw new ModelException(what + " on " + description + ": no samples given");
        }
        for (int i = 0; i < samples.length; i++) {
            if (!Double.isFinite(samples[i])) {
                throw new ModelException(what + " on " + description + ": sample " + i + " is " + samples[i]);
            }
        }
    }

    /**
     * Records the voltage (mV) of every selected compartment.
     *
     * @return this view
     */
    public View record() {
        return record(CompartmentField.V);
    }

    /**
     * Records v or a mechanism state of every selected compartment.
     *
     * @param f a mechanism state (or v)
     * @return this view
     */
    public View record(Field f) {
        if (f instanceof CompartmentField cf && cf != CompartmentField.V) {
            throw new ModelException("cannot record geometry field " + f.key() + "; record v, a state or a current");
        }
        if (!f.isState()) {
            throw new ModelException("cannot record parameter " + f.key() + "; record v, a state or a current");
        }
        for (Site s : sites) {
            if (f instanceof StateVar && !module.compartment(s).hasValue(f)) {
                throw new ModelException("cannot record " + f.key() + " at " + s + ": its mechanism is not inserted there");
            }
        }
        for (Site s : sites) {
            module.addRecording(new Recording.OfField(s, f));
        }
        return this;
    }

    /**
     * Records a named membrane current (mA/cm², summed over mechanisms carrying it).
     *
     * @param c the current
     * @return this view
     */
    public View record(Current c) {
        for (Site s : sites) {
            boolean carried = module.compartment(s).insertedMechanisms().stream()
                    .anyMatch(m -> m.current().name().equals(c.name()));
            if (!carried) {
                throw new ModelException("cannot record " + c.name() + " at " + s + ": no mechanism there carries it");
            }
        }
        for (Site s : sites) {
            module.addRecording(new Recording.OfCurrent(s, c));
        }
        return this;
    }

    /**
     * Sets every state with a steady-state expression to its steady state at the compartment's v.
     *
     * @return this view
     */
    public View initStates() {
        for (Site s : sites) {
            SteadyStates.apply(module.compartment(s));
        }
        return this;
    }
}
