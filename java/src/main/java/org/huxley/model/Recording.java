package org.huxley.model;

import org.huxley.mech.Current;

/** What one row of the recorded output holds. */
public sealed interface Recording {
    /** Human-readable label, e.g. {@code v @ cell 0 branch 1 comp 0}. */
    String label();

    /** Voltage (mV), or a mechanism state, of a compartment. */
    record OfField(Site site, Field field) implements Recording {
        @Override
        public String label() {
            return field.key() + " @ " + site;
        }
    }

    /** The summed current of one name at a compartment, mA/cm². */
    record OfCurrent(Site site, Current current) implements Recording {
        @Override
        public String label() {
            return current.name() + " @ " + site;
        }
    }

    /** A synapse's state, or its current (nA). Exactly one of field and current is set. */
    record OfSynapse(int edge, Field field, Current current) implements Recording {
        @Override
        public String label() {
            return (field != null ? field.key() : current.name()) + " @ synapse " + edge;
        }
    }
}
