/*
 * huxley_coop.cuh: the cell-per-block forward kernel (opt-in, docs/gpu.md "Kernel variants"): one
 * thread block per instance, its threads spread over the compartments (node updates, assembly),
 * over the instances of each channel table, and over the nodes of one tree level in the Hines
 * solve. The instance's node arrays live in the block's shared memory (stride 1, so neighbouring
 * threads touch neighbouring words); states and currents stay in the hx_run arrays but instance-major
 * within the set's slice (hx_ctx::instance_major: neighbouring instances in neighbouring words, not B
 * apart); parameters and recordings keep the batch-innermost layout.
 *
 * Every operation is the one of hx_step, with the same operands in the same order, so the result is
 * bitwise that of the thread-per-instance kernel (the host build checks it, running the items of each
 * phase in reverse order):
 *   - the Hines solve works on chain units: a unit starts at a leaf or at a node with two or more
 *     children and goes up through every ancestor that has exactly one child. One thread eliminates a
 *     whole unit (a junction first subtracts its children's contributions in descending solve
 *     position, the order of hx_solve_tree's loop; each further node has its one child), units of one
 *     unit level in parallel, one barrier per unit level; back substitution walks each unit down, unit
 *     levels from the roots. tree252 has 29 node levels but 6 unit levels (chains of at most 5),
 *     ca1 149 node levels but 29 unit levels, so a step has far fewer barriers;
 *   - stimuli, synapses and clamps, which may add into or overwrite a shared node, on one thread.
 *
 * Block memory (hx_coop_bytes): T v[n], ad[n] (a, then the diagonal), br[n] (b, then the right-hand
 * side), iext[n]; int meta[4], ulvl_off[n + 1], unit_off[n + 1], unit_node[n], child_off[n + 1], child[n].
 */
#ifndef HUXLEY_COOP_CUH
#define HUXLEY_COOP_CUH

#include "huxley_step.cuh"

/* Bytes of block memory for n nodes of real size rs (org.huxley.cuda.KernelLayout.sharedBytes). */
HX_HD HX_FI long long hx_coop_bytes(long long n, long long rs) { return 4 * n * rs + (5 * n + 7) * 4; }

/* The chain units of the tree and the child lists, in block memory. */
struct hx_sched {
    int *meta;      /* [0], [1]: divergence flags (alternating steps), [2]: number of unit levels */
    int *ulvl_off;  /* [level + 1]: units of unit level L are ulvl_off[L] .. ulvl_off[L + 1] */
    int *unit_off;  /* [unit + 1]: nodes of unit u at unit_node[unit_off[u] .. unit_off[u + 1]) */
    int *unit_node; /* [n] each unit from its start (leaf or junction) up to its top */
    int *child_off; /* [n + 1] children of k at child[child_off[k] .. child_off[k + 1]) */
    int *child;     /* [n] in descending solve position (the elimination order of hx_solve_tree) */
};

/* Children of node k. */
HX_HD HX_FI int hx_children(const hx_sched &s, int k) { return s.child_off[k + 1] - s.child_off[k]; }

/* Builds the schedule from order / parent (one thread; once per launch). scratch: 3 arrays of n ints
 * (the node arrays, unused until the initial state is set). */
template <typename T> HX_HD void hx_coop_schedule(const hx_ctx<T> &c, const hx_sched &s, int *ulev, int *ustart,
                                                  int *cursor) {
    const hx_run &r = c.r;
    const int n = (int)c.n;
    /* child lists: end positions, then filled backwards in ascending solve position */
    for (int k = 0; k <= n; k++) {
        s.child_off[k] = 0;
    }
    for (int k = 0; k < n; k++) {
        if (r.parent[k] >= 0) {
            s.child_off[r.parent[k]]++;
        }
    }
    for (int k = 1; k < n; k++) {
        s.child_off[k] += s.child_off[k - 1];
    }
    s.child_off[n] = n > 0 ? s.child_off[n - 1] : 0;
    for (int idx = 0; idx < n; idx++) {
        const int k = r.order[idx];
        const int p = r.parent[k];
        if (p >= 0) {
            s.child[--s.child_off[p]] = k;
        }
    }
    /* unit level of each node, children first: a one-child node shares its child's unit, a leaf or
     * junction starts a unit one level above its children's */
    int levels = 0;
    for (int idx = n - 1; idx >= 0; idx--) {
        const int k = r.order[idx];
        const int lo = s.child_off[k];
        const int hi = s.child_off[k + 1];
        if (hi - lo == 1) {
            ulev[k] = ulev[s.child[lo]];
        } else {
            int m = -1;
            for (int j = lo; j < hi; j++) {
                m = ulev[s.child[j]] > m ? ulev[s.child[j]] : m;
            }
            ulev[k] = m + 1;
        }
        levels = ulev[k] + 1 > levels ? ulev[k] + 1 : levels;
    }
    for (int L = 0; L <= levels; L++) {
        s.ulvl_off[L] = 0;
    }
    for (int k = 0; k < n; k++) {
        if (hx_children(s, k) != 1) {
            s.ulvl_off[ulev[k] + 1]++;
        }
    }
    for (int L = 0; L < levels; L++) {
        s.ulvl_off[L + 1] += s.ulvl_off[L];
        cursor[L] = s.ulvl_off[L];
    }
    /* units grouped by level (in solve order within a level), each with its length */
    s.unit_off[0] = 0;
    for (int idx = 0; idx < n; idx++) {
        const int k = r.order[idx];
        if (hx_children(s, k) == 1) {
            continue;
        }
        const int u = cursor[ulev[k]]++;
        ustart[u] = k;
        int len = 1;
        for (int q = r.parent[k]; q >= 0 && hx_children(s, q) == 1; q = r.parent[q]) {
            len++;
        }
        s.unit_off[u + 1] = len;
    }
    const int units = levels > 0 ? s.ulvl_off[levels] : 0;
    for (int u = 0; u < units; u++) {
        s.unit_off[u + 1] += s.unit_off[u];
        int pos = s.unit_off[u];
        s.unit_node[pos++] = ustart[u];
        for (int q = r.parent[ustart[u]]; q >= 0 && hx_children(s, q) == 1; q = r.parent[q]) {
            s.unit_node[pos++] = q;
        }
    }
    s.meta[0] = 0;
    s.meta[1] = 0;
    s.meta[2] = levels;
}

/* Hines solve over chain units: the operations of hx_solve_tree, the units of one level in parallel.
 * Back substitution also clears each node's a, b and i_ext for the next step (its diagonal and
 * right-hand side are not read again) and, with a non-null flag, sets *flag where v is not finite and
 * clears other_flag (the divergence check of a step without clamps, without a phase of its own). */
template <typename T> HX_COOP void hx_coop_solve(const hx_ctx<T> &c, const hx_sched &s, int *flag, int *other_flag) {
    const hx_run &r = c.r;
    const T *lower = (const T *)r.lower;
    const T *upper = (const T *)r.upper;
    const int levels = s.meta[2];
    for (int L = 0; L < levels; L++) {
        const int lo = s.ulvl_off[L];
        hx_par(c, s.ulvl_off[L + 1] - lo, [&](long long i) {
            const int first = s.unit_off[lo + i];
            const int end = s.unit_off[lo + i + 1];
            const int p = s.unit_node[first];
            if (hx_children(s, p) > 0) {
                T dp = c.d[p];
                T rp = c.rhs[p];
                for (int j = s.child_off[p]; j < s.child_off[p + 1]; j++) {
                    const int k = s.child[j];
                    const T m = upper[c.ix(k, HX_BATCHED_GEOMETRY)] / c.d[k];
                    dp -= m * lower[c.ix(k, HX_BATCHED_GEOMETRY)];
                    rp -= m * c.rhs[k];
                }
                c.d[p] = dp;
                c.rhs[p] = rp;
            }
            for (int j = first + 1; j < end; j++) {
                const int k = s.unit_node[j - 1];
                const int q = s.unit_node[j];
                const T m = upper[c.ix(k, HX_BATCHED_GEOMETRY)] / c.d[k];
                c.d[q] -= m * lower[c.ix(k, HX_BATCHED_GEOMETRY)];
                c.rhs[q] -= m * c.rhs[k];
            }
        });
    }
    for (int L = levels - 1; L >= 0; L--) {
        const int lo = s.ulvl_off[L];
        hx_par(c, s.ulvl_off[L + 1] - lo, [&](long long i) {
            const int first = s.unit_off[lo + i];
            if (flag != nullptr && L == levels - 1 && i == 0) {
                *other_flag = 0;
            }
            for (int j = s.unit_off[lo + i + 1] - 1; j >= first; j--) {
                const int k = s.unit_node[j];
                const int p = r.parent[k];
                const T vk = p < 0 ? c.rhs[k] / c.d[k]
                                   : (c.rhs[k] - lower[c.ix(k, HX_BATCHED_GEOMETRY)] * c.v[p]) / c.d[k];
                c.v[k] = vk;
                hx_clear_node(c, k);
                if (flag != nullptr && !hx_isfinite(vk)) {
                    *flag = 1;
                }
            }
        });
    }
}

/* Recording `sample` of this instance, recordings spread over the block. */
template <typename T> HX_COOP void hx_coop_record(const hx_ctx<T> &c, long long sample) {
    T *out = (T *)c.r.out;
    const long long R = c.r.n_recordings;
    hx_par(c, R, [&](long long rr) { out[(sample * R + rr) * c.B + c.b] = hx_recording_value(c, rr); });
}

/* One step; returns false (on every thread) if a voltage is non-finite. a, b and i_ext are zero on entry
 * (cleared by the previous step's back substitution, or before the first step). */
template <typename T> HX_COOP bool hx_coop_step(const hx_ctx<T> &c, const hx_sched &s, long long step) {
    const long long n = c.n;
    /* stimuli write only i_ext, which the channels do not touch: the channel phase's barrier orders
     * them before the assembly (without channel tables they get a phase of their own) */
    if (c.r.n_ch_tables > 0) {
        hx_one(c, [&]() { hx_stimuli(c, step); });
    } else {
        hx_par(c, 1, [&](long long) { hx_stimuli(c, step); });
    }
    hx_channels_par<T>(c, HX_PHASE_STEP);
    if (c.r.n_sy_tables > 0) {
        hx_par(c, 1, [&](long long) { hx_synapses<T>(c, HX_PHASE_STEP); });
    }
    hx_par(c, n, [&](long long k) { hx_assemble_node(c, k); });
    /* flag of this step set by any non-finite node; the other flag, read one step ago, cleared */
    int *flag = &s.meta[step & 1];
    int *other = &s.meta[(step + 1) & 1];
    if (c.r.n_clamps == 0) {
        hx_coop_solve(c, s, flag, other);
        return *flag == 0;
    }
    hx_coop_solve(c, s, (int *)nullptr, (int *)nullptr);
    hx_par(c, 1, [&](long long) { hx_clamps(c, step); });
    hx_par(c, n, [&](long long k) {
        if (k == 0) {
            *other = 0;
        }
        if (!hx_isfinite(c.v[k])) {
            *flag = 1;
        }
    });
    return *flag == 0;
}

/* The whole run of instance b by the calling block; mem: hx_coop_bytes(n, sizeof(T)) bytes. */
template <typename T> HX_COOP void hx_coop_instance(const hx_run &r, long long b, unsigned char *mem) {
    hx_ctx<T> c(r, b);
    const long long n = c.n;
    T *node = (T *)mem;
    c.v = node;
    c.a = c.d = node + n;
    c.bv = c.rhs = node + 2 * n;
    c.iext = node + 3 * n;
    c.ns = 1;
    c.nb = 0;
    c.instance_major();
    int *ints = (int *)(node + 4 * n);
    hx_sched s;
    s.meta = ints;
    s.ulvl_off = ints + 4;
    s.unit_off = s.ulvl_off + n + 1;
    s.unit_node = s.unit_off + n + 1;
    s.child_off = s.unit_node + n;
    s.child = s.child_off + n + 1;
    /* scratch for the schedule: the node arrays (n reals hold n ints), set only afterwards */
    hx_par(c, 1, [&](long long) { hx_coop_schedule(c, s, (int *)c.v, (int *)c.d, (int *)c.iext); });

    const T *v0 = (const T *)r.v0;
    hx_par(c, n, [&](long long k) { c.v[k] = r.is_branch_point[k] ? T(0.0) : v0[c.ix(k, HX_BATCHED_GEOMETRY)]; });
    T *chs = (T *)r.ch_state;
    const T *chs0 = (const T *)r.ch_state0;
    hx_par(c, r.n_ch_state_rows, [&](long long q) { chs[c.ixcs(q)] = chs0[c.ix(q)]; });
    T *sys = (T *)r.sy_state;
    const T *sys0 = (const T *)r.sy_state0;
    hx_par(c, r.n_sy_state_rows, [&](long long q) { sys[c.ixss(q)] = sys0[c.ix(q)]; });
    T *chI = (T *)r.ch_current;
    hx_par(c, r.n_ch_instances, [&](long long q) { chI[c.ixci(q)] = T(0.0); });
    T *syI = (T *)r.sy_current;
    hx_par(c, r.n_sy_instances, [&](long long q) { syI[c.ixsi(q)] = T(0.0); });
    hx_channels_par<T>(c, HX_PHASE_INIT);
    if (r.n_sy_tables > 0) {
        hx_par(c, 1, [&](long long) { hx_synapses<T>(c, HX_PHASE_INIT); });
    }
    hx_coop_record(c, 0);
    hx_par(c, n, [&](long long k) { hx_clear_node(c, k); });

    const long long stride = r.record_every;
    int diverged = -1;
    for (long long step = 0; step < r.n_steps; step++) {
        if (!hx_coop_step(c, s, step)) {
            diverged = (int)(step + 1);
            hx_par(c, 1, [&](long long) { hx_fill_diverged(c, step); });
            break;
        }
        if ((step + 1) % stride == 0) {
            hx_coop_record(c, (step + 1) / stride);
        }
    }
    T *vg = (T *)r.v;
    hx_par(c, n, [&](long long k) { vg[k * c.B + b] = c.v[k]; });
    hx_par(c, 1, [&](long long) { r.diverged_at[b] = diverged; });
}

#endif /* HUXLEY_COOP_CUH */
