package org.huxley.engine.internal;

import java.lang.ref.SoftReference;
import java.util.Map;
import java.util.WeakHashMap;
import org.huxley.engine.KernelMode;
import org.huxley.mech.Mechanism;

/**
 * Generated kernels per mechanism (by identity), reused across runs: a later run then starts with
 * code the JIT has already compiled instead of new hidden classes that begin interpreted (about a
 * tenth of a 100 ms NEURON case). Softly held, so memory pressure frees them; kernels are
 * immutable and thread-safe.
 */
final class KernelCache {
    private static final Map<Mechanism, SoftReference<MechanismKernel>> GENERATED = new WeakHashMap<>();

    private KernelCache() {
    }

    /** The mechanism's kernel in {@code mode}; generated ones come from the cache. */
    static MechanismKernel kernel(Mechanism m, KernelMode mode) {
        if (mode != KernelMode.GENERATED) {
            return new MechanismKernel(m, mode);
        }
        synchronized (GENERATED) {
            SoftReference<MechanismKernel> ref = GENERATED.get(m);
            MechanismKernel k = ref == null ? null : ref.get();
            if (k == null) {
                k = new MechanismKernel(m, mode);
                GENERATED.put(m, new SoftReference<>(k));
            }
            return k;
        }
    }
}
