package org.huxley.expr;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_double;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import jdk.incubator.vector.DoubleVector;

/**
 * {@link ColumnCompiler}'s loop with vectors: a {@link VectorBlockKernel} whose stages
 * ({@link VectorPlan}) evaluate {@link #lanes()} consecutive instances per operation, each lane with
 * the scalar bits; the remainder of a range goes to the scalar column kernel. Light stages are
 * generated classes ({@link VectorStageEmitter}), exponential-sized ones {@link VectorExpStage}s.
 * Nothing here allocates per step: every vector stays inside one compiled loop, the scratch
 * columns are per thread. Loaded only when the incubator module {@code jdk.incubator.vector} is
 * present ({@link VectorColumns}).
 */
final class VectorColumnCompiler {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final ClassDesc CD_STAGE = ClassDesc.of(VectorStage.class.getName());
    private static final ClassDesc CD_DARR2 = CD_double.arrayType().arrayType();
    private static final MethodTypeDesc MTD_RUN = MethodTypeDesc.of(CD_void, CD_DARR2, CD_DARR2, CD_DARR2, CD_int,
            CD_int);

    private VectorColumnCompiler() {
    }

    /** Lanes per vector. */
    static int lanes() {
        return DoubleVector.SPECIES_PREFERRED.length();
    }

    /**
     * Whether every node of the outputs has a vector form with the scalar bits (not: log, tanh,
     * efun curvature, powers above 4).
     */
    static boolean supported(List<? extends Expr> outputs) {
        Map<Expr, Boolean> seen = new IdentityHashMap<>();
        for (Expr e : outputs) {
            if (e != null && !supported(e, seen)) {
                return false;
            }
        }
        return true;
    }

    private static boolean supported(Expr e, Map<Expr, Boolean> seen) {
        if (seen.put(e, Boolean.TRUE) != null) {
            return true;
        }
        boolean ok = switch (e) {
            case Log l -> false;
            case Tanh t -> false;
            case EfunCurvature c -> false;
            case Pow(Expr b, int n) -> n >= 0 && n <= 4;
            default -> true;
        };
        if (!ok && (e instanceof Var || !e.symbols().isEmpty())) {
            return false;
        }
        for (Expr k : e.children()) {
            if (!supported(k, seen)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The vector kernel over ranges whose length is a multiple of {@link #lanes()}.
     *
     * @param outputs the expressions (entries may be null), all {@link #supported}
     * @param slotOrder the symbols in slot order
     * @return the kernel
     */
    static ColumnKernel compile(List<? extends Expr> outputs, List<Symbol> slotOrder) {
        Map<Symbol, Integer> slots = BytecodeCompiler.slotIndex(outputs, slotOrder);
        VectorPlan plan = new VectorPlan(outputs);
        VectorStage[] stages = new VectorStage[plan.stages.size()];
        for (int k = 0; k < stages.length; k++) {
            stages[k] = plan.isHeavyStage(k) ? expStage(plan, plan.stages.get(k)[0]) : lightStage(plan, slots, k);
        }
        return VectorBlockKernel.of(stages, plan.temps);
    }

    /** Exponential-sized node k as a stage: its operands (all from earlier stages) and result in scratch columns. */
    private static VectorExpStage expStage(VectorPlan plan, int k) {
        Object node = plan.order.get(k);
        List<Object> operands = plan.operands(node);
        int[] columns = new int[3];
        for (int q = 0; q < operands.size(); q++) {
            Integer o = plan.index.get(operands.get(q));
            if (o == null || plan.temp[o] < 0) {
                throw new IllegalStateException("operand " + operands.get(q) + " of " + node + " has no scratch column");
            }
            columns[q] = plan.temp[o];
        }
        VectorExpStage.Op op = switch (node) {
            case SaveExp e -> VectorExpStage.Op.SAVE_EXP;
            case VectorPlan.Em1 e -> VectorExpStage.Op.EXPM1;
            case Efun e -> VectorExpStage.Op.EFUN;
            case EfunSlope e -> VectorExpStage.Op.EFUN_SLOPE;
            default -> throw new IllegalStateException("not exponential-sized: " + node);
        };
        return new VectorExpStage(op, columns[0], columns[1], columns[2], plan.temp[k]);
    }

    /** Light stage k as an instance of a generated class. */
    private static VectorStage lightStage(VectorPlan plan, Map<Symbol, Integer> slots, int k) {
        String name = VectorColumnCompiler.class.getPackageName() + ".VectorStage$" + COUNTER.incrementAndGet();
        byte[] bytes = ClassFile.of().build(ClassDesc.of(name), cb -> {
            cb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL);
            cb.withInterfaceSymbols(CD_STAGE);
            cb.withMethodBody("<init>", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC,
                    c -> c.aload(0).invokespecial(CD_Object, "<init>", MethodTypeDesc.of(CD_void)).return_());
            cb.withMethodBody("run", MTD_RUN, ClassFile.ACC_PUBLIC, c -> VectorStageEmitter.emit(c, slots, plan, k));
        });
        try {
            Class<?> cls = MethodHandles.lookup().defineHiddenClass(bytes, true).lookupClass();
            return (VectorStage) cls.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not load generated vector column code", e);
        }
    }
}
