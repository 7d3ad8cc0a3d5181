package org.huxley.expr;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, once per JVM, whether {@link ColumnCompiler} kernels run with the Vector API: only when
 * the incubator module {@code jdk.incubator.vector} is present (run with
 * {@code --add-modules jdk.incubator.vector}), its preferred double vector has at least 2 lanes,
 * and {@code -Dhuxley.vector} is not {@code false}. One log line says which path is used. The
 * vector path gives the scalar bits lane by lane (tested in {@code VectorColumnsTest}).
 */
public final class VectorColumns {
    private static final Logger LOG = LoggerFactory.getLogger(VectorColumns.class);
    private static final String MODULE = "jdk.incubator.vector";
    private static final int LANES = detect();

    private VectorColumns() {
    }

    /**
     * {@return lanes per vector of the vector path, or 0 where column kernels stay scalar}
     */
    public static int lanes() {
        return LANES;
    }

    /**
     * The kernel to run: {@code scalar} itself, or a vector kernel for whole vectors of instances
     * with {@code scalar} for the remainder of each range.
     *
     * @param outputs the expressions {@code scalar} was compiled from
     * @param slotOrder its slot order
     * @param scalar the scalar column kernel
     * @return the kernel
     */
    public static ColumnKernel wrap(List<? extends Expr> outputs, List<Symbol> slotOrder, ColumnKernel scalar) {
        if (LANES == 0 || !VectorColumnCompiler.supported(outputs)) {
            return scalar;
        }
        return new Split(VectorColumnCompiler.compile(outputs, slotOrder), scalar, LANES);
    }

    /** Vector kernel on [from, from + whole vectors), the scalar one on the rest. */
    private record Split(ColumnKernel vector, ColumnKernel scalar, int lanes) implements ColumnKernel {
        @Override
        public void eval(double[][] in, double[][] out, int from, int to) {
            int mid = from + (to - from) / lanes * lanes;
            if (mid > from) {
                vector.eval(in, out, from, mid);
            }
            if (mid < to) {
                scalar.eval(in, out, mid, to);
            }
        }
    }

    private static int detect() {
        if (!Boolean.parseBoolean(System.getProperty("huxley.vector", "true").toLowerCase(Locale.ROOT))) {
            LOG.info("column kernels: scalar (-Dhuxley.vector=false)");
            return 0;
        }
        Optional<Module> vector = ModuleLayer.boot().findModule(MODULE);
        if (vector.isEmpty()) {
            LOG.info("column kernels: scalar ({} absent; run with --add-modules {} for the vector path)",
                    MODULE, MODULE);
            return 0;
        }
        VectorColumns.class.getModule().addReads(vector.get());
        try {
            int lanes = VectorColumnCompiler.lanes();
            if (lanes < 2) {
                LOG.info("column kernels: scalar (preferred double vector has {} lane)", lanes);
                return 0;
            }
            LOG.info("column kernels: Vector API, {} double lanes", lanes);
            return lanes;
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("column kernels: scalar ({} unusable: {})", MODULE, e.toString());
            return 0;
        }
    }
}
