package org.huxley.mech;

/** Where a mechanism lives and in which unit its current is. */
public enum MechanismKind {
    /** A membrane channel: per-compartment parameters and states, current density in mA/cm². */
    CHANNEL,
    /** A synapse: per-edge parameters and states, depends on pre- and post-synaptic voltage, nA. */
    SYNAPSE
}
