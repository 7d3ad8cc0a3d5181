package org.huxley.io.model;

import java.util.List;
import org.huxley.model.EdgeView;
import org.huxley.model.Network;

/**
 * A selection of synapses as a model file writes it: all synapses of one type (one shared value
 * when a parameter is declared on it), or chosen edges by their index among that type's synapses
 * (one value per edge).
 *
 * @param type synapse type name, or null for every synapse of the network
 * @param edges indices among the selected synapses, or null for all of them
 */
public record EdgeSelector(String type, List<Integer> edges) {
    /** Copies the index list (unmodifiable). */
    public EdgeSelector {
        edges = edges == null ? null : List.copyOf(edges);
    }

    /**
     * The edges this selector picks.
     *
     * @param network the network to select in
     * @return the selected synapses
     */
    public EdgeView view(Network network) {
        EdgeView v = type == null ? network.edges() : network.edges(ModelNames.synapseType(network, type));
        return edges == null ? v : v.edge(edges.stream().mapToInt(Integer::intValue).toArray());
    }
}
