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

    /** Adjoint field names in struct order; true for pointers, false for long scalars. */
    static final Map<String, Boolean> FIELDS = new LinkedHashMap<>();

    static {
        for (String f : List.of("adj_abi_version", "n_links", "ckpt_every", "n_ckpt", "segment", "state_size", "n_acc",
                "n_params", "n_ch_param_rows", "n_sy_param_rows")) {
            FIELDS.put(f, false);
        }
        for (String f : List.of("link_a", "link_b", "link_kind", "link_r", "ra", "load_in", "load_out", "grad_term_off",
                "grad_term_row", "grad_term_coef", "rec_grad", "ckpt", "seg", "tmp", "acc", "work", "grad")) {
            FIELDS.put(f, true);
        }
    }

    /** Pointer fields the kernels write or the host fills after the forward phase (sized, not uploaded). */
    static final List<String> OUTPUTS = List.of("rec_grad", "ckpt", "seg", "tmp", "acc", "work", "grad");

    /** The struct layout: hx_run, then the fields above. */
    public static final StructLayout LAYOUT;

    static {
        List<MemoryLayout> members = new ArrayList<>();
        members.add(RunLayout.LAYOUT.withName("run"));
        FIELDS.forEach((name, pointer) -> members.add(pointer ? ValueLayout.ADDRESS.withName(name)
                : ValueLayout.JAVA_LONG.withName(name)));
        LAYOUT = MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new));
    }

    private AdjointLayout() {
    }

    /** Byte offset of an adjoint field. */
    public static long offset(String field) {
        if (!FIELDS.containsKey(field)) {
            throw new IllegalArgumentException("hx_adj has no field " + field);
        }
        return LAYOUT.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    static void setLong(MemorySegment s, String field, long value) {
        s.set(ValueLayout.JAVA_LONG, offset(field), value);
    }
}
