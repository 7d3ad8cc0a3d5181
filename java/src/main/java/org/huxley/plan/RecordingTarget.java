package org.huxley.plan;

/**
 * Where one output row comes from.
 *
 * @param kind what is read
 * @param node the node (VOLTAGE)
 * @param table the channel or synapse table (STATE, SYNAPSE_STATE, SYNAPSE_CURRENT) or unused
 * @param index the state index within its mechanism (STATE, SYNAPSE_STATE)
 * @param instance the instance within the table (STATE, SYNAPSE_*)
 * @param currentTables for CURRENT: the channel tables whose current is summed
 * @param currentInstances for CURRENT: the instance in each of those tables
 * @param label human-readable label
 */
public record RecordingTarget(Kind kind, int node, int table, int index, int instance, int[] currentTables,
        int[] currentInstances, String label) {
    /** What a recording reads. */
    public enum Kind {
        /** The membrane voltage of a node, mV. */
        VOLTAGE,
        /** A channel state of one instance. */
        STATE,
        /** The summed channel current density of a compartment. */
        CURRENT,
        /** A synapse state of one edge. */
        SYNAPSE_STATE,
        /** The current of one synapse, nA. */
        SYNAPSE_CURRENT
    }
}
