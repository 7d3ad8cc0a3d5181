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
 * The Java mirror of {@code struct hx_adj} (kernels/include/huxley_adjoint_abi.h): the embedded
 * {@code hx_run} ({@link RunLayout}) followed by the adjoint's fields, each 8 bytes. A CI test
 * compares every offset with the C compiler's ({@code hx_host_adj_field_offset}).
 */
public final class AdjointLayout {
    /** {@code HX_ADJ_ABI_VERSION}. */
    public static final long ABI_VERSION = 1;
    /** Phases (HX_ADJ_*): forward with checkpoints, one segment backwards, the parameter reduction. */
    static final int FORWARD = 0;
    static final int SEGMENT = 1;
    static final int REDUCE = 2;
    static final int LOSS = 3;

    /** Adjoint field names in struct order with their kinds. */
    static final Map<String, RunLayout.Kind> FIELDS = new LinkedHashMap<>();

    static {
        for (String f : List.of("adj_abi_version", "n_links", "ckpt_every", "n_ckpt", "segment", "state_size", "n_acc",
                "n_params", "n_ch_param_rows", "n_sy_param_rows")) {
            FIELDS.put(f, RunLayout.Kind.LONG);
        }
        for (String f : List.of("link_a", "link_b", "link_kind", "link_r", "ra", "load_in", "load_out", "grad_term_off",
                "grad_term_row", "grad_term_coef", "rec_grad", "ckpt", "seg", "tmp", "acc", "work", "grad")) {
            FIELDS.put(f, RunLayout.Kind.POINTER);
        }
        FIELDS.put("loss_kind", RunLayout.Kind.LONG);
        FIELDS.put("loss_stride", RunLayout.Kind.LONG);
        FIELDS.put("loss_constant", RunLayout.Kind.DOUBLE);
        FIELDS.put("loss_target", RunLayout.Kind.POINTER);
        FIELDS.put("loss_value", RunLayout.Kind.POINTER);
    }

    /** The struct layout: hx_run, then the fields above. */
    public static final StructLayout LAYOUT;

    static {
        List<MemoryLayout> members = new ArrayList<>();
        members.add(RunLayout.LAYOUT.withName("run"));
        FIELDS.forEach((name, kind) -> members.add(switch (kind) {
            case LONG -> ValueLayout.JAVA_LONG.withName(name);
            case DOUBLE -> ValueLayout.JAVA_DOUBLE.withName(name);
            case POINTER -> ValueLayout.ADDRESS.withName(name);
        }));
        LAYOUT = MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new));
    }

    private AdjointLayout() {
    }

    /**
     * {@return the byte offset of an adjoint field}
     *
     * @param field the field name in hx_adj
     */
    public static long offset(String field) {
        if (!FIELDS.containsKey(field)) {
            throw new IllegalArgumentException("hx_adj has no field " + field);
        }
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    static void setLong(MemorySegment s, String field, long value) {
        s.set(ValueLayout.JAVA_LONG, offset(field), value);
    }

    static void setDouble(MemorySegment s, String field, double value) {
        s.set(ValueLayout.JAVA_DOUBLE, offset(field), value);
    }
}
