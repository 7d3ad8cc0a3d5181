package org.huxley.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.huxley.ModelException;

/**
 * Different first-order optimizers (or settings) per parameter group, as Jaxley's
 * {@code TypeOptimizer}: each group of {@link ParameterGroups} is updated by its own stepper on its
 * own sub-vector (groups without an entry use the default). Global-norm clipping therefore acts per
 * group. Only first-order methods can be combined ({@link Optimizer#firstOrder()}); L-BFGS needs a
 * joint line search.
 *
 * <pre>{@code
 * Optimizer opt = TypeOptimizer.of(new Adam(0.01))
 *         .with("Leak.gLeak[group soma]", new Adam(0.05))   // group names from ParameterGroups
 *         .with("Na.gNa", new Sgd(0.1, 0.9));
 * }</pre>
 */
public final class TypeOptimizer implements Optimizer {
    private final Optimizer fallback;
    private final Map<String, Optimizer> byGroup;

    private TypeOptimizer(Optimizer fallback, Map<String, Optimizer> byGroup) {
        requireFirstOrder("default", fallback);
        byGroup.forEach(TypeOptimizer::requireFirstOrder);
        this.fallback = fallback;
        this.byGroup = Map.copyOf(byGroup);
    }

    /**
     * {@return every group uses {@code fallback} until {@link #with} overrides it}
     *
     * @param fallback the optimizer of every group not named
     */
    public static TypeOptimizer of(Optimizer fallback) {
        return new TypeOptimizer(fallback, Map.of());
    }

    /**
     * {@return a copy in which the group named {@code group} uses {@code optimizer}}
     *
     * @param group the group's name
     * @param optimizer its optimizer
     */
    public TypeOptimizer with(String group, Optimizer optimizer) {
        Map<String, Optimizer> m = new LinkedHashMap<>(byGroup);
        m.put(group, optimizer);
        return new TypeOptimizer(fallback, m);
    }

    private static void requireFirstOrder(String group, Optimizer o) {
        if (o == null) {
            throw new ModelException("no optimizer given for parameter group " + group);
        }
        if (!o.firstOrder()) {
            throw new ModelException("TypeOptimizer: group " + group + " uses " + o.name()
                    + ", which is not a first-order method (it needs a joint line search); use Adam or SGD per group");
        }
    }

    @Override
    public String name() {
        return "type";
    }

    @Override
    public boolean firstOrder() {
        return true;
    }

    private Optimizer forGroup(ParameterGroups groups, int g) {
        return byGroup.getOrDefault(groups.name(g), fallback);
    }

    private void checkNames(ParameterGroups groups) {
        for (String name : byGroup.keySet()) {
            groups.indexOf(name); // throws naming the groups
        }
    }

    @Override
    public Stepper start(double[] x0, ParameterGroups groups) {
        checkNames(groups);
        requireSize(groups, x0.length);
        List<Stepper> parts = new ArrayList<>();
        for (int g = 0; g < groups.numGroups(); g++) {
            int[] idx = groups.members(g);
            parts.add(forGroup(groups, g).start(take(x0, idx), ParameterGroups.single(idx.length)));
        }
        return new Composite(groups, parts);
    }

    @Override
    public Stepper restore(OptimizerState s, ParameterGroups groups) {
        s.requireOptimizer(name());
        checkNames(groups);
        List<Stepper> parts = new ArrayList<>();
        for (int g = 0; g < groups.numGroups(); g++) {
            Optimizer o = forGroup(groups, g);
            String prefix = g + ".";
            Map<String, double[]> sub = new LinkedHashMap<>();
            s.values().forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    sub.put(k.substring(prefix.length()), v);
                }
            });
            parts.add(o.restore(new OptimizerState(o.name(), sub), ParameterGroups.single(groups.members(g).length)));
        }
        return new Composite(groups, parts);
    }

    private static void requireSize(ParameterGroups groups, int n) {
        if (groups.size() != n) {
            throw new ModelException("parameter groups cover " + groups.size() + " parameters, the start has " + n);
        }
    }

    private static double[] take(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    private static final class Composite implements Stepper {
        private final ParameterGroups groups;
        private final List<Stepper> parts;

        Composite(ParameterGroups groups, List<Stepper> parts) {
            this.groups = groups;
            this.parts = parts;
        }

        private double[] join(java.util.function.Function<Stepper, double[]> f) {
            double[] out = new double[groups.size()];
            for (int g = 0; g < parts.size(); g++) {
                int[] idx = groups.members(g);
                double[] v = f.apply(parts.get(g));
                for (int i = 0; i < idx.length; i++) {
                    out[idx[i]] = v[i];
                }
            }
            return out;
        }

        @Override
        public double[] point() {
            return join(Stepper::point);
        }

        @Override
        public void tell(double loss, double[] gradient) {
            for (int g = 0; g < parts.size(); g++) {
                parts.get(g).tell(loss, gradient == null ? null : take(gradient, groups.members(g)));
            }
        }

        @Override
        public double[] x() {
            return join(Stepper::x);
        }

        @Override
        public double loss() {
            return parts.get(0).loss();
        }

        @Override
        public double gradientNorm() {
            double s = 0;
            for (Stepper p : parts) {
                s += p.gradientNorm() * p.gradientNorm();
            }
            return Math.sqrt(s);
        }

        @Override
        public int iterations() {
            return parts.get(0).iterations();
        }

        @Override
        public boolean stalled() {
            return parts.stream().allMatch(Stepper::stalled);
        }

        @Override
        public boolean failed() {
            return parts.stream().anyMatch(Stepper::failed);
        }

        @Override
        public OptimizerState save() {
            OptimizerState.Builder b = OptimizerState.builder("type");
            for (int g = 0; g < parts.size(); g++) {
                String prefix = g + ".";
                parts.get(g).save().values().forEach((k, v) -> b.put(prefix + k, v));
            }
            return b.build();
        }
    }
}
