package org.huxley.model;

import org.huxley.mech.Current;

/** What one row of the recorded output holds. */
public sealed interface Recording {
    /**
     * Human-readable label, e.g. {@code v @ cell 0 branch 1 comp 0}.
     *
     * @return the label
     */
    String label();

    /**
     * Voltage (mV), or a mechanism state, of a compartment.
     *
     * @param site the compartment
     * @param field v or a mechanism state
     */
    record OfField(Site site, Field field) implements Recording {
        @Override
        public String label() {
            return field.key() + " @ " + site;
        }
    }

    /**
     * The summed current of one name at a compartment, mA/cm².
     *
     * @param site the compartment
     * @param current the current
     */
    record OfCurrent(Site site, Current current) implements Recording {
        @Override
        public String label() {
            return current.name() + " @ " + site;
        }
    }

    /**
     * A synapse's state, or its current (nA). Exactly one of field and current is set.
     *
     * @param edge network edge index
     * @param field a synapse state, or null
     * @param current the synapse's current, or null
     */
    record OfSynapse(int edge, Field field, Current current) implements Recording {
        @Override
        public String label() {
            return (field != null ? field.key() : current.name()) + " @ synapse " + edge;
        }
    }
}
