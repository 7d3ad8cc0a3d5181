package org.huxley.expr;

import java.util.Objects;

/**
 * A named scalar variable of an expression (a state, a parameter, the membrane voltage ...).
 * Two symbols are equal iff their names are equal, so independently created symbols with
 * the same name refer to the same quantity.
 */
public final class Symbol implements Comparable<Symbol> {
    private final String name;

    private Symbol(String name) {
        this.name = name;
    }

    /**
     * {@return the symbol called {@code name}; the name must be non-blank}
     *
     * @param name the symbol's name
     */
    public static Symbol of(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("symbol name must not be blank");
        }
        return new Symbol(name);
    }

    /** {@return the symbol's name} */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Symbol s && s.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public int compareTo(Symbol o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
