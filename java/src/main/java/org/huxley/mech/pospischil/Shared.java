package org.huxley.mech.pospischil;

import org.huxley.mech.Param;

/**
 * Parameters shared by several Pospischil channels: one value per compartment for all channels
 * that use them (Jaxley stores them as unprefixed columns).
 */
public final class Shared {
    /** Sodium reversal potential, mV (Na). */
    public static final Param E_NA = Param.shared("eNa", "mV", 50.0, -200.0, 200.0);
    /** Potassium reversal potential, mV (K, Km). */
    public static final Param E_K = Param.shared("eK", "mV", -90.0, -200.0, 200.0);
    /** Calcium reversal potential, mV (CaL, CaT). */
    public static final Param E_CA = Param.shared("eCa", "mV", 120.0, -200.0, 300.0);
    /** Spike threshold adjustment of the Na and K rate functions, mV. */
    public static final Param V_T = Param.shared("vt", "mV", -60.0, -200.0, 100.0);

    private Shared() {
    }
}
