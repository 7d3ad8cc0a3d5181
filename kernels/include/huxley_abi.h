/*
 * huxley_abi.h: the flat, versioned C ABI between Huxley's Java host code and its kernels.
 *
 * One hx_run describes one launch: B parameter sets ("instances") of one compiled plan, simulated
 * for n_steps steps. Java fills it (org.huxley.cuda.RunLayout mirrors it field by field) with
 * device pointers (CUDA engine) or host pointers (host library), and passes it by value to the
 * kernel hx_forward_f32 / hx_forward_f64, or by address to hx_host_forward.
 *
 * Rules that keep the two sides in step:
 *   - every field is 8 bytes (long long, double or a pointer), so the struct has no padding;
 *   - "real" arrays (void* below) hold float when real_size == 4 and double when real_size == 8;
 *   - integer arrays are int32;
 *   - adding or reordering a field bumps HX_ABI_VERSION; the kernels refuse other versions
 *     (status HX_STATUS_ABI_MISMATCH).
 *
 * Storage layout (kernels/LAYOUT.md): everything that differs between instances is batch-innermost,
 * element (row, set) at row * n_sets + set. Arrays marked "[row] or [row][set]" are stored once when
 * the matching bit of batched_flags is clear, per set when it is set.
 *
 * Hook order of one step (huxley_step.cuh; docs/numerics.md "One step"):
 *   init:  v and states from their initial values; currents of the initial state (HX_PHASE_INIT);
 *          sample 0 recorded.
 *   step:  1. external currents of the stimuli;
 *          2. channels, table by table: states advanced from the old values, current and slope
 *             with the new states (HX_PHASE_STEP), accumulated into the node's a and b;
 *          3. synapses, table by table, the same with pre- and post-synaptic voltage;
 *          4. rows of the implicit system (branch points algebraic), Hines elimination over the
 *             solve order, back substitution;
 *          5. clamps overwrite their nodes; 6. a non-finite voltage ends the instance (diverged);
 *          7. every record_every-th step a sample is recorded.
 */
#ifndef HUXLEY_ABI_H
#define HUXLEY_ABI_H

#define HX_ABI_VERSION 1

/* batched_flags bits */
#define HX_BATCHED_GEOMETRY 1LL   /* lower, upper, diag0, area, cm, v0 per set */
#define HX_BATCHED_CH_PARAMS 2LL  /* ch_param per set */
#define HX_BATCHED_SY_PARAMS 4LL  /* sy_param per set */
#define HX_BATCHED_STIMULI 8LL    /* stim per set */

/* slope_mode */
#define HX_SLOPE_ANALYTIC 0LL
#define HX_SLOPE_FORWARD_DIFFERENCE 1LL

/* recording term kinds (rec_term_kind) */
#define HX_REC_V 0          /* index: node */
#define HX_REC_CH_STATE 1   /* index: channel state row */
#define HX_REC_CH_CURRENT 2 /* index: channel instance */
#define HX_REC_SY_STATE 3   /* index: synapse state row */
#define HX_REC_SY_CURRENT 4 /* index: synapse instance */

/* *status codes */
#define HX_STATUS_OK 0
#define HX_STATUS_ABI_MISMATCH 1
#define HX_STATUS_UNKNOWN_MECHANISM 2

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hx_run {
    /* ---- header ---- */
    long long abi_version;      /* HX_ABI_VERSION */
    long long real_size;        /* 4 (float) or 8 (double) */
    /* ---- sizes ---- */
    long long n_sets;           /* B: instances in this launch; the batch stride of every per-set array */
    long long n_nodes;          /* compartments and branch points of the plan */
    long long n_steps;
    long long record_every;     /* >= 1 */
    long long n_samples;        /* n_steps / record_every + 1 */
    long long n_recordings;
    long long n_ch_tables;
    long long n_ch_instances;
    long long n_ch_state_rows;  /* sum over tables of states * instances */
    long long n_sy_tables;
    long long n_sy_instances;
    long long n_sy_state_rows;
    long long n_stimuli;
    long long n_clamps;
    long long batched_flags;    /* HX_BATCHED_* */
    long long slope_mode;       /* HX_SLOPE_* */
    double dt;                  /* ms */
    double fd_delta;            /* mV, forward-difference perturbation (1e-3) */
    /* ---- tree (int32, [node]) ---- */
    const int *order;           /* solve order: parents before children */
    const int *parent;          /* solve parent of each node, -1 for roots */
    const int *is_branch_point; /* 1 for algebraic branch-point nodes */
    /* ---- node values (real, [node] or [node][set]: HX_BATCHED_GEOMETRY) ---- */
    const void *lower;          /* A[k][parent k], 1/ms * dt (from org.huxley.engine.internal.Coupling) */
    const void *upper;          /* A[parent k][k] */
    const void *diag0;          /* diagonal without membrane terms */
    const void *area;           /* um^2 (NaN at branch points) */
    const void *cm;             /* uF/cm^2 */
    const void *v0;             /* initial voltage, mV */
    /* ---- channels ---- */
    const int *ch_mech;         /* [table] mechanism id in the module's dispatch */
    const int *ch_count;        /* [table] instances */
    const int *ch_inst_off;     /* [table] first instance (index into ch_node, ch_current) */
    const int *ch_param_off;    /* [table] first parameter row; row = off + p * count + i */
    const int *ch_state_off;    /* [table] first state row; row = off + s * count + i */
    const int *ch_node;         /* [instance] node */
    const void *ch_param;       /* real, [row] or [row][set] (HX_BATCHED_CH_PARAMS) */
    const void *ch_state0;      /* real, [row][set]: initial states */
    /* ---- synapses ---- */
    const int *sy_mech;
    const int *sy_count;
    const int *sy_inst_off;
    const int *sy_param_off;
    const int *sy_state_off;
    const int *sy_pre;          /* [instance] pre-synaptic node */
    const int *sy_post;         /* [instance] post-synaptic node */
    const void *sy_param;       /* real, [row] or [row][set] (HX_BATCHED_SY_PARAMS) */
    const void *sy_state0;      /* real, [row][set] */
    /* ---- stimuli and clamps ---- */
    const int *stim_node;       /* [stimulus] */
    const void *stim;           /* real nA, [stimulus][step] or [stimulus][step][set] (HX_BATCHED_STIMULI) */
    const int *clamp_node;      /* [clamp] */
    const void *clamp;          /* real mV, [clamp][step] */
    /* ---- recordings: output r is the sum of its terms ---- */
    const int *rec_term_off;    /* [recording + 1] */
    const int *rec_term_kind;   /* [term] HX_REC_* */
    const int *rec_term_index;  /* [term] */
    /* ---- working memory and outputs (real unless noted), per set ---- */
    void *v;                    /* [node][set] */
    void *ch_state;             /* [row][set] */
    void *ch_current;           /* [instance][set], mA/cm^2 */
    void *sy_state;             /* [row][set] */
    void *sy_current;           /* [instance][set], nA */
    void *scratch;              /* [5][node][set]: a, b, i_ext, diagonal, right-hand side */
    void *out;                  /* [sample][recording][set] */
    int *diverged_at;           /* [set]: step after which v was first non-finite, or -1 */
    int *status;                /* [1]: HX_STATUS_*; written only on failure */
} hx_run;

#ifdef __cplusplus
}
#endif
#endif /* HUXLEY_ABI_H */
