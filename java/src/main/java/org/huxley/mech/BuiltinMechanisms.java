package org.huxley.mech;

import java.util.LinkedHashMap;
import java.util.Map;
import org.huxley.ModelException;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.pospischil.CaL;
import org.huxley.mech.pospischil.CaT;
import org.huxley.mech.pospischil.K;
import org.huxley.mech.pospischil.Km;
import org.huxley.mech.pospischil.Leak;
import org.huxley.mech.pospischil.Na;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.huxley.mech.synapse.SpikeTrainSynapse;
import org.huxley.mech.synapse.TanhConductanceSynapse;
import org.huxley.mech.synapse.TanhRateSynapse;
import org.huxley.mech.synapse.TestSynapse;

/** The built-in mechanisms by name, for model files and command lines. */
public final class BuiltinMechanisms {
    private static final Map<String, Mechanism> BY_NAME = new LinkedHashMap<>();

    static {
        for (Mechanism m : new Mechanism[] {HH.MECHANISM, Na.MECHANISM, K.MECHANISM, Km.MECHANISM, CaL.MECHANISM,
                CaT.MECHANISM, Leak.MECHANISM, IonotropicSynapse.MECHANISM, TestSynapse.MECHANISM,
                TanhRateSynapse.MECHANISM, TanhConductanceSynapse.MECHANISM, SpikeTrainSynapse.MECHANISM}) {
            BY_NAME.put(m.name(), m);
        }
    }

    private BuiltinMechanisms() {
    }

    /**
     * A built-in mechanism by its name.
     *
     * @param name e.g. {@code HH}
     * @return the mechanism
     * @throws ModelException naming the unknown name and the known ones
     */
    public static Mechanism byName(String name) {
        Mechanism m = BY_NAME.get(name);
        if (m == null) {
            throw new ModelException("unknown mechanism '" + name + "'; built-in mechanisms are " + BY_NAME.keySet());
        }
        return m;
    }

    /** {@return all built-in mechanisms, channels first} */
    public static Map<String, Mechanism> all() {
        return java.util.Collections.unmodifiableMap(BY_NAME);
    }
}
