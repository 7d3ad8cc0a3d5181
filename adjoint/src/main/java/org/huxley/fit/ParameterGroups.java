package org.huxley.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.huxley.ModelException;
import org.huxley.params.ParameterLayout;

/**
 * A partition of the P parameters into named groups, for per-group optimizer settings (as Jaxley's
 * {@code TypeOptimizer}): {@link #byEntry} gives one group per layout declaration ({@code add}
 * call), {@link #byField} one per field (e.g. all {@code gNa} parameters together).
 */
public final class ParameterGroups {
    private final int[] groupOf;
    private final List<String> names;

    /**
     * Groups given by index.
     *
     * @param groupOf group index of each parameter, 0 ≤ groupOf[p] &lt; names.size()
     * @param names name of each group
     */
    public ParameterGroups(int[] groupOf, List<String> names) {
        this.groupOf = groupOf.clone();
        this.names = List.copyOf(names);
        boolean[] used = new boolean[this.names.size()];
        for (int p = 0; p < groupOf.length; p++) {
            if (groupOf[p] < 0 || groupOf[p] >= this.names.size()) {
                throw new ModelException("parameter " + p + " is in group " + groupOf[p] + ", but there are "
                        + this.names.size() + " groups");
            }
            used[groupOf[p]] = true;
        }
        for (int g = 0; g < used.length; g++) {
            if (!used[g]) {
                throw new ModelException("parameter group " + g + " (" + this.names.get(g) + ") has no parameters");
            }
        }
    }

    /**
     * {@return all P parameters in one group named "all"}
     *
     * @param parameters number of parameters P
     */
    public static ParameterGroups single(int parameters) {
        return new ParameterGroups(new int[parameters], List.of("all"));
    }

    /**
     * {@return one group per declaration of the layout, named by its first parameter's field and selection}
     *
     * @param layout the layout
     */
    public static ParameterGroups byEntry(ParameterLayout layout) {
        int[] of = new int[layout.size()];
        List<String> names = new ArrayList<>();
        int last = -1;
        for (int p = 0; p < layout.size(); p++) {
            int e = layout.entryOf(p);
            if (e != last) {
                names.add(layout.parameters().get(p).name());
                last = e;
            }
            of[p] = names.size() - 1;
        }
        return new ParameterGroups(of, names);
    }

    /**
     * One group per field key (e.g. {@code Na.gNa}), in order of first appearance.
     *
     * @param layout the layout
     * @return the groups
     */
    public static ParameterGroups byField(ParameterLayout layout) {
        Map<String, Integer> index = new LinkedHashMap<>();
        int[] of = new int[layout.size()];
        for (int p = 0; p < layout.size(); p++) {
            String key = layout.parameters().get(p).field().key();
            of[p] = index.computeIfAbsent(key, k -> index.size());
        }
        return new ParameterGroups(of, new ArrayList<>(index.keySet()));
    }

    /** {@return number of parameters P} */
    public int size() {
        return groupOf.length;
    }

    /** {@return number of groups} */
    public int numGroups() {
        return names.size();
    }

    /**
     * {@return the group of one parameter}
     *
     * @param parameter the parameter's index
     */
    public int groupOf(int parameter) {
        return groupOf[parameter];
    }

    /**
     * {@return the name of one group}
     *
     * @param group the group's index
     */
    public String name(int group) {
        return names.get(group);
    }

    /** {@return names of all groups, by index} */
    public List<String> names() {
        return names;
    }

    /**
     * {@return the group index of a name}
     *
     * @param name the group's name
     */
    public int indexOf(String name) {
        int g = names.indexOf(name);
        if (g < 0) {
            throw new ModelException("no parameter group named '" + name + "'; groups: " + names);
        }
        return g;
    }

    /**
     * {@return indices of the parameters in group g, ascending}
     *
     * @param group the group's index
     */
    public int[] members(int group) {
        return java.util.stream.IntStream.range(0, groupOf.length).filter(p -> groupOf[p] == group).toArray();
    }

    @Override
    public String toString() {
        return "ParameterGroups" + names + Arrays.toString(groupOf);
    }
}
