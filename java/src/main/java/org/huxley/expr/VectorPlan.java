package org.huxley.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of all outputs in evaluation order (children first, each once), cut into stages for
 * {@link VectorColumnCompiler}: an exponential-sized operation is a stage of its own (one call of
 * {@link VectorExpColumns}); the other operations form stages of at most {@link #LIGHT_PER_STAGE}
 * (each one generated method, small enough for the JIT to compile on its own with every vector in a
 * register). A value used in a later stage than its own, and every operand of an exponential-sized
 * stage, goes through a scratch column.
 */
final class VectorPlan {
    /** Operations other than exponentials per stage method. */
    static final int LIGHT_PER_STAGE = 12;

    /** The shared e^x − 1 of an efun-family argument. */
    record Em1(Expr arg) {
    }

    final List<? extends Expr> outputs;
    final Map<Expr, Boolean> constant = new IdentityHashMap<>();
    final List<Object> order = new ArrayList<>();
    final Map<Object, Integer> index = new HashMap<>();
    /** Per stage, [first node, end node). */
    final List<int[]> stages = new ArrayList<>();
    int[] stageOf;
    /** Per node, its scratch column or −1. */
    int[] temp;
    int temps;

    VectorPlan(List<? extends Expr> outputs) {
        this.outputs = outputs;
        for (Expr e : outputs) {
            if (e != null) {
                visit(e);
            }
        }
        stageOf = new int[order.size()];
        int first = 0;
        int light = 0;
        for (int k = 0; k < order.size(); k++) {
            if (heavy(order.get(k)) && first < k) {
                stages.add(new int[] {first, k});
                first = k;
                light = 0;
            }
            stageOf[k] = stages.size();
            light += heavy(order.get(k)) ? 0 : 1;
            if (heavy(order.get(k)) || light >= LIGHT_PER_STAGE) {
                stages.add(new int[] {first, k + 1});
                first = k + 1;
                light = 0;
            }
        }
        if (first < order.size() || stages.isEmpty() || heavy(order.get(order.size() - 1))) {
            stages.add(new int[] {first, order.size()});
        }
        temp = new int[order.size()];
        Arrays.fill(temp, -1);
        for (int k = 0; k < order.size(); k++) {
            if (heavy(order.get(k))) {
                temp[k] = temps++;
            }
        }
        for (int k = 0; k < order.size(); k++) {
            for (Object operand : operands(order.get(k))) {
                Integer o = index.get(operand);
                if (o != null && stageOf[o] != stageOf[k] && temp[o] < 0) {
                    temp[o] = temps++;
                }
            }
        }
    }

    /** The values a node reads: its children, and the shared exponentials of the efun family. */
    List<Object> operands(Object node) {
        if (node instanceof Em1(Expr arg)) {
            return List.of(arg, new SaveExp(arg));
        }
        Expr e = (Expr) node;
        List<Object> ops = new ArrayList<>(e.children());
        if (e instanceof SaveExpSlope(Expr arg)) {
            ops.add(new SaveExp(arg));
        }
        if (e instanceof Efun || e instanceof EfunSlope) {
            Expr arg = e.children().get(0);
            ops.add(new SaveExp(arg));
            ops.add(new Em1(arg));
        }
        return ops;
    }

    private void visit(Object node) {
        if (index.containsKey(node)) {
            return;
        }
        if (node instanceof Expr e && isConstant(e)) {
            return;
        }
        for (Object k : operands(node)) {
            visit(k);
        }
        index.put(node, order.size());
        order.add(node);
    }

    boolean isConstant(Object node) {
        if (!(node instanceof Expr e)) {
            return false;
        }
        Boolean b = constant.get(e);
        if (b == null) {
            b = !(e instanceof Var) && e.symbols().isEmpty();
            constant.put(e, b);
        }
        return b;
    }

    /** Whether stage k is one exponential-sized node (a call of {@link VectorExpColumns}, no stage method). */
    boolean isHeavyStage(int k) {
        int[] s = stages.get(k);
        return s[1] - s[0] == 1 && heavy(order.get(s[0]));
    }

    /**
     * Whether a node is exponential-sized: a stage of its own, a call of {@link VectorExpColumns}
     * from scratch columns into a scratch column.
     */
    static boolean heavy(Object node) {
        return node instanceof Em1 || node instanceof SaveExp || node instanceof Efun || node instanceof EfunSlope;
    }

    /** The stage that stores output j: its node's, or the last for a constant or exponential-sized output. */
    int outputStage(int j) {
        Expr e = outputs.get(j);
        return isConstant(e) || heavy(e) ? stages.size() - 1 : stageOf[index.get(e)];
    }
}
