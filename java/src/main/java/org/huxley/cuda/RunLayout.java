package org.huxley.cuda;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java mirror of {@code struct hx_run} in kernels/include/huxley_abi.h: the same fields in the
 * same order, each 8 bytes. A CI test compares every offset with the C compiler's
 * ({@code hx_host_field_offset}).
 */
public final class RunLayout {
    /** The ABI version this mirror matches ({@code HX_ABI_VERSION}). */
    public static final long ABI_VERSION = 1;

    /** Kind of an 8-byte field. */
    enum Kind {
        LONG, DOUBLE, POINTER
    }

    /** Field names in struct order with their kinds. */
    static final Map<String, Kind> FIELDS = new LinkedHashMap<>();

    static {
        for (String f : List.of("abi_version", "real_size", "n_sets", "n_nodes", "n_steps", "record_every",
                "n_samples", "n_recordings", "n_ch_tables", "n_ch_instances", "n_ch_state_rows", "n_sy_tables",
                "n_sy_instances", "n_sy_state_rows", "n_stimuli", "n_clamps", "batched_flags", "slope_mode")) {
            FIELDS.put(f, Kind.LONG);
        }
        FIELDS.put("dt", Kind.DOUBLE);
        FIELDS.put("fd_delta", Kind.DOUBLE);
        for (String f : List.of("order", "parent", "is_branch_point", "lower", "upper", "diag0", "area", "cm", "v0",
                "ch_mech", "ch_count", "ch_inst_off", "ch_param_off", "ch_state_off", "ch_node", "ch_param",
                "ch_state0", "sy_mech", "sy_count", "sy_inst_off", "sy_param_off", "sy_state_off", "sy_pre", "sy_post",
                "sy_param", "sy_state0", "stim_node", "stim", "clamp_node", "clamp", "rec_term_off", "rec_term_kind",
                "rec_term_index", "v", "ch_state", "ch_current", "sy_state", "sy_current", "scratch", "out",
                "diverged_at", "status")) {
            FIELDS.put(f, Kind.POINTER);
        }
    }

    /** The struct layout. */
    public static final StructLayout LAYOUT;

    static {
        List<MemoryLayout> members = new ArrayList<>();
        FIELDS.forEach((name, kind) -> members.add(switch (kind) {
            case LONG -> ValueLayout.JAVA_LONG.withName(name);
            case DOUBLE -> ValueLayout.JAVA_DOUBLE.withName(name);
            case POINTER -> ValueLayout.ADDRESS.withName(name);
        }));
        LAYOUT = MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new));
    }

    private RunLayout() {
    }

    /**
     * {@return byte offset of a field}
     *
     * @param field the field's name
     */
    public static long offset(String field) {
        if (!FIELDS.containsKey(field)) {
            throw new IllegalArgumentException("hx_run has no field " + field);
        }
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    static void setLong(MemorySegment s, String field, long value) {
        s.set(ValueLayout.JAVA_LONG, offset(field), value);
    }

    static void setDouble(MemorySegment s, String field, double value) {
        s.set(ValueLayout.JAVA_DOUBLE, offset(field), value);
    }

    static void setPointer(MemorySegment s, String field, long address) {
        s.set(ValueLayout.JAVA_LONG, offset(field), address);
    }
}
