package org.huxley.adjoint.internal;

import org.huxley.engine.internal.ForwardStepper;
import org.huxley.plan.Plan;

/**
 * The derivative kernels' outputs of every instance for the steps of one recomputed segment,
 * captured while the segment is recomputed with the extended kernels, so that the backward steps
 * of the segment need not evaluate them again. Slot s holds step a + s of the segment.
 */
final class DerivativeCache implements ForwardStepper.Observer {
    private final MechanismDerivatives[] ch;
    private final MechanismDerivatives[] sy;
    private final int[] chSize;
    private final int[] sySize;
    private final double[][] chCur;
    private final double[][] chUpd;
    private final double[][] syCur;
    private final double[][] syUpd;
    private int slot;

    DerivativeCache(Plan plan, MechanismDerivatives[] ch, MechanismDerivatives[] sy, int slots) {
        this.ch = ch;
        this.sy = sy;
        chSize = new int[ch.length];
        chCur = new double[ch.length][];
        chUpd = new double[ch.length][];
        for (int t = 0; t < ch.length; t++) {
            chSize[t] = plan.channels().get(t).size();
            chCur[t] = new double[slots * chSize[t] * ch[t].currentOutputs];
            chUpd[t] = new double[slots * chSize[t] * ch[t].updateOutputs];
        }
        sySize = new int[sy.length];
        syCur = new double[sy.length][];
        syUpd = new double[sy.length][];
        for (int t = 0; t < sy.length; t++) {
            sySize[t] = plan.synapses().get(t).size();
            syCur[t] = new double[slots * sySize[t] * sy[t].currentOutputs];
            syUpd[t] = new double[slots * sySize[t] * sy[t].updateOutputs];
        }
    }

    /** Bytes held (for memory reports). */
    long bytes() {
        long n = 0;
        for (double[] a : chCur) {
            n += a.length;
        }
        for (double[] a : chUpd) {
            n += a.length;
        }
        for (double[] a : syCur) {
            n += a.length;
        }
        for (double[] a : syUpd) {
            n += a.length;
        }
        return 8 * n;
    }

    void setSlot(int s) {
        slot = s;
    }

    @Override
    public void updated(boolean synapse, int table, int instance, double[] outputs) {
        MechanismDerivatives md = synapse ? sy[table] : ch[table];
        int n = synapse ? sySize[table] : chSize[table];
        double[] dst = synapse ? syUpd[table] : chUpd[table];
        System.arraycopy(outputs, md.ns, dst, (slot * n + instance) * md.updateOutputs, md.updateOutputs);
    }

    @Override
    public void current(boolean synapse, int table, int instance, double[] outputs) {
        MechanismDerivatives md = synapse ? sy[table] : ch[table];
        int n = synapse ? sySize[table] : chSize[table];
        double[] dst = synapse ? syCur[table] : chCur[table];
        System.arraycopy(outputs, 0, dst, (slot * n + instance) * md.currentOutputs, md.currentOutputs);
    }

    /** Copies the current-side outputs of an instance at slot s into {@code into}. */
    void currentInto(boolean synapse, int table, int instance, int s, double[] into) {
        MechanismDerivatives md = synapse ? sy[table] : ch[table];
        int n = synapse ? sySize[table] : chSize[table];
        double[] src = synapse ? syCur[table] : chCur[table];
        System.arraycopy(src, (s * n + instance) * md.currentOutputs, into, 0, md.currentOutputs);
    }

    /** Copies the update-side outputs of an instance at slot s into {@code into}. */
    void updateInto(boolean synapse, int table, int instance, int s, double[] into) {
        MechanismDerivatives md = synapse ? sy[table] : ch[table];
        int n = synapse ? sySize[table] : chSize[table];
        double[] src = synapse ? syUpd[table] : chUpd[table];
        System.arraycopy(src, (s * n + instance) * md.updateOutputs, into, 0, md.updateOutputs);
    }
}
