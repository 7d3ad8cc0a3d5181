package org.huxley.io.model;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.huxley.ModelException;
import org.huxley.engine.Precision;
import org.huxley.engine.Protocol;
import org.huxley.fit.Bounds;
import org.huxley.model.FieldInfo;
import org.huxley.model.Module;
import org.huxley.params.ParameterLayout;
import org.huxley.plan.Plan;

/**
 * Everything a model file holds: the model (cells, mechanisms, synapses, stimuli, clamps and
 * recordings live in the {@link Module}), how to run it, and what to fit. Read and written by
 * {@link ModelFile}; the format is docs/model-files.md.
 *
 * @param name short name of the model
 * @param module the model
 * @param protocol time step, number of steps, recording stride, slope mode
 * @param precision arithmetic of the engine
 * @param engine {@code auto}, {@code cpu} or {@code cuda}
 * @param seed seed for anything random that uses the model (fit starts, noise); wiring seeds are
 *     part of each connection in the file
 * @param trainables parameters to fit, in declaration order (empty for none)
 * @param description free text, may be empty
 */
public record HuxleyModel(String name, Module module, Protocol protocol, Precision precision, String engine,
        long seed, List<Trainable> trainables, String description) {
    /** The engine names a model file may give. */
    public static final Set<String> ENGINES = Set.of("auto", "cpu", "cuda");

    /** Checks the parts and fills defaults: empty name/description, engine {@code auto}, no trainables. */
    public HuxleyModel {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(precision, "precision");
        name = name == null ? "" : name;
        engine = engine == null ? "auto" : engine;
        if (!ENGINES.contains(engine)) {
            throw new ModelException("unknown engine '" + engine + "' (known: auto, cpu, cuda)");
        }
        trainables = trainables == null ? List.of() : List.copyOf(trainables);
        description = description == null ? "" : description;
    }

    /**
     * A model without a description.
     *
     * @param name short name of the model
     * @param module the model
     * @param protocol time step, number of steps, recording stride, slope mode
     * @param precision arithmetic of the engine
     * @param engine {@code auto}, {@code cpu} or {@code cuda}
     * @param seed seed for anything random that uses the model
     * @param trainables parameters to fit (empty for none)
     */
    public HuxleyModel(String name, Module module, Protocol protocol, Precision precision, String engine, long seed,
            List<Trainable> trainables) {
        this(name, module, protocol, precision, engine, seed, trainables, "");
    }

    /** {@return the validated, compiled model} ({@link Module#compile()}) */
    public Plan compile() {
        return module.compile();
    }

    /**
     * The parameter layout of the trainables, one declaration per trainable in order (so
     * {@link ParameterLayout#entryOf} gives the trainable of each parameter); empty if there are
     * none. A new layout on each call.
     *
     * @return the layout of the trainables
     */
    public ParameterLayout layout() {
        ParameterLayout layout = new ParameterLayout(module);
        for (Trainable t : trainables) {
            t.declare(module, layout);
        }
        return layout;
    }

    /**
     * Fit bounds for a layout from {@link #layout()}: each trainable's bounds (linear or log
     * scale), the field's valid range where none were given.
     *
     * @param layout a layout made by {@link #layout()}
     * @return bounds for each parameter of the layout
     */
    public Bounds bounds(ParameterLayout layout) {
        Bounds bounds = Bounds.of(layout);
        for (int p = 0; p < layout.size(); p++) {
            Trainable t = trainables.get(layout.entryOf(p));
            if (!t.hasBounds() && !t.logScale()) {
                continue;
            }
            FieldInfo info = layout.parameters().get(p).field().info();
            double lo = Double.isNaN(t.lower()) ? info.lo() : t.lower();
            double hi = Double.isNaN(t.upper()) ? info.hi() : t.upper();
            if (t.logScale()) {
                bounds.logScale(p, lo, hi);
            } else {
                bounds.set(p, lo, hi);
            }
        }
        return bounds;
    }
}
