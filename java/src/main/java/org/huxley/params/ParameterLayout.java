package org.huxley.params;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.huxley.ModelException;
import org.huxley.model.CompartmentField;
import org.huxley.model.EdgeView;
import org.huxley.model.Field;
import org.huxley.model.Module;
import org.huxley.model.Site;
import org.huxley.model.View;

/**
 * Named parameters declared on selections of one model: each declaration is an entry of one or
 * more parameters, grouped by Jaxley's sharing rule (reference-numerics §10): a whole module or a
 * group gives one shared parameter, a {@code cell(..)}, {@code branch(..)} or {@code comp(..)}
 * selection one per cell, branch or compartment, an edge selection one per edge. Each parameter
 * writes its value to every member of its group; later entries override earlier ones.
 *
 * <p>A {@link ParameterSets} holds B value vectors for a layout, so that one run simulates B
 * parameter sets. The adjoint module makes the same layout trainable.
 */
public final class ParameterLayout {
    /**
     * One parameter: a field written to every member compartment (or synapse).
     *
     * @param initialValue the value sets start from, or NaN for the members' mean
     * @param field the field
     * @param name the parameter's name, e.g. {@code HH.gNa[branch 0]}
     * @param sites the compartments it sets (empty for synapse parameters)
     * @param edges the synapses it sets (empty for compartment parameters)
     */
    public record Parameter(Field field, String name, List<Site> sites, List<Integer> edges, double initialValue) {
    }

    private final Module model;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Integer> entryOf = new ArrayList<>();
    private int entries;

    /**
     * An empty layout on a model.
     *
     * @param model the model the parameters live in
     */
    public ParameterLayout(Module model) {
        this.model = model;
    }

    /** {@return the model} */
    public Module model() {
        return model;
    }

    /**
     * Declares one parameter per group of the view's sharing level.
     *
     * @param view the selection
     * @param field the field
     * @return this layout
     */
    public ParameterLayout add(View view, Field field) {
        return addGrouped(view, field, view.sharing(), Double.NaN);
    }

    /**
     * As {@link #add(View, Field)}, every parameter starting at {@code initialValue}.
     *
     * @param view the selection
     * @param field the field
     * @param initialValue the parameter's initial value
     * @return this layout
     */
    public ParameterLayout add(View view, Field field, double initialValue) {
        requireInitial(field, initialValue);
        return addGrouped(view, field, view.sharing(), initialValue);
    }

    /**
     * Declares one parameter per selected compartment.
     *
     * @param view the selection
     * @param field the field
     * @return this layout
     */
    public ParameterLayout addPerElement(View view, Field field) {
        return addGrouped(view, field, View.Sharing.PER_COMP, Double.NaN);
    }

    private static void requireInitial(Field field, double initialValue) {
        if (!field.info().accepts(initialValue)) {
            throw new ModelException("initial value " + initialValue + " of " + field.key() + " is outside its valid range ["
                    + field.info().lo() + ", " + field.info().hi() + "] " + field.info().unit());
        }
    }

    private ParameterLayout addGrouped(View view, Field field, View.Sharing sharing, double initialValue) {
        if (view.module() != model) {
            throw new ModelException("selection " + view.description() + " belongs to another model than this layout");
        }
        Map<String, List<Site>> groups = new LinkedHashMap<>();
        for (Site s : view.sites()) {
            boolean defined = field instanceof CompartmentField || model.compartment(s).hasValue(field);
            if (!defined) {
                continue;
            }
            String label = switch (sharing) {
                case SHARED -> view.description();
                case PER_CELL -> "cell " + s.cell();
                case PER_BRANCH -> "cell " + s.cell() + " branch " + s.branch();
                case PER_COMP -> s.toString();
            };
            groups.computeIfAbsent(label, k -> new ArrayList<>()).add(s);
        }
        if (groups.isEmpty()) {
            throw new ModelException(field.key() + " is not defined on " + view.description()
                    + ": insert its mechanism there first");
        }
        groups.forEach((label, sites) -> {
            parameters.add(new Parameter(field, field.key() + "[" + label + "]", List.copyOf(sites), List.of(),
                    initialValue));
            entryOf.add(entries);
        });
        entries++;
        return this;
    }

    /**
     * Declares parameters of synapses: one shared, or one per edge after {@code edge(..)}.
     *
     * @param edges the synapses
     * @param field a synapse parameter or state
     * @return this layout
     */
    public ParameterLayout add(EdgeView edges, Field field) {
        if (edges.network() != model) {
            throw new ModelException("edge selection belongs to another model than this layout");
        }
        if (edges.size() == 0) {
            throw new ModelException(field.key() + ": the edge selection is empty");
        }
        List<Integer> ids = edges.edges();
        for (int e : ids) {
            if (!edges.network().synapseHasField(e, field)) {
                throw new ModelException("synapse " + e + " (" + edges.network().synapseType(e).name() + ") has no field "
                        + field.key() + "; select edges of a type that has it");
            }
        }
        if (edges.sharing() == EdgeView.Sharing.SHARED) {
            String label = ids.size() <= 8 ? "edges " + ids : ids.size() + " edges from " + ids.get(0);
            parameters.add(new Parameter(field, field.key() + "[" + label + "]", List.of(), ids, Double.NaN));
            entryOf.add(entries);
        } else {
            for (int e : ids) {
                parameters.add(new Parameter(field, field.key() + "[edge " + e + "]", List.of(), List.of(e),
                        Double.NaN));
                entryOf.add(entries);
            }
        }
        entries++;
        return this;
    }

    /** {@return number of parameters P} */
    public int size() {
        return parameters.size();
    }

    /** {@return the parameters, in order} */
    public List<Parameter> parameters() {
        return Collections.unmodifiableList(parameters);
    }

    /**
     * {@return index of the declaration (add call) each parameter came from}
     *
     * @param parameter the parameter's index
     */
    public int entryOf(int parameter) {
        return entryOf.get(parameter);
    }

    /** {@return names of the parameters, in order} */
    public List<String> names() {
        return parameters.stream().map(Parameter::name).toList();
    }

    /** {@return each parameter's initial value: as given, else the mean of its members' current values (NaN ignored)} */
    public double[] initialValues() {
        double[] out = new double[parameters.size()];
        for (int p = 0; p < out.length; p++) {
            Parameter par = parameters.get(p);
            double sum = 0;
            int n = 0;
            for (Site s : par.sites()) {
                double v = model.compartment(s).value(par.field());
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
            for (int e : par.edges()) {
                sum += model.synapses().get(e).value(par.field());
                n++;
            }
            out[p] = sum / n;
        }
        return out;
    }

    /**
     * {@return B parameter sets, each starting from {@link #initialValues()}}
     *
     * @param batchSize number of sets
     */
    public ParameterSets batch(int batchSize) {
        return new ParameterSets(this, batchSize);
    }
}
