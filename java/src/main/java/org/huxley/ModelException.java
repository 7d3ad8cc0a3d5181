package org.huxley;

/**
 * A model, parameter set or protocol that cannot be simulated as given: unknown names, invalid
 * geometry, a parent list that is not a tree, inputs of the wrong length. The message names the
 * element (cell/branch/comp, mechanism, parameter) and the offending value.
 */
public class ModelException extends HuxleyException {
    /**
     * An exception whose message names the element and value at fault.
     *
     * @param message what is wrong, naming the element and value
     */
    public ModelException(String message) {
        super(message);
    }
}
