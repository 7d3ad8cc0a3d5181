/*
 * huxley_step.cuh: one instance's forward simulation (org.huxley.engine.internal.ForwardStepper and
 * CpuIntegrator, operation for operation): initial state and currents, then per step the stimuli,
 * mechanisms (generated dispatch hx_channels / hx_synapses), the implicit system with branch-point
 * rows, Hines elimination over the plan's solve order, clamps, the divergence check and the
 * recordings. Included by generated sources after the dispatch functions.
 */
#ifndef HUXLEY_STEP_CUH
#define HUXLEY_STEP_CUH

#include "huxley_mech.cuh"

/* Value of recording rr for this instance: its terms summed in order (0 without terms). */
template <typename T> HX_HD T hx_recording_value(const hx_ctx<T> &c, long long rr) {
    const hx_run &r = c.r;
    const int lo = r.rec_term_off[rr];
    const int hi = r.rec_term_off[rr + 1];
    T sum = T(0.0);
    for (int j = lo; j < hi; j++) {
        const long long idx = r.rec_term_index[j];
        T x;
        switch (r.rec_term_kind[j]) {
        case HX_REC_V: x = c.v[c.ixn(idx)]; break;
        case HX_REC_CH_STATE: x = ((const T *)r.ch_state)[c.ixcs(idx)]; break;
        case HX_REC_CH_CURRENT: x = ((const T *)r.ch_current)[c.ixci(idx)]; break;
        case HX_REC_SY_STATE: x = ((const T *)r.sy_state)[c.ixss(idx)]; break;
        default: x = ((const T *)r.sy_current)[c.ixsi(idx)]; break;
        }
        sum = (j == lo) ? x : sum + x;
    }
    return sum;
}

template <typename T> HX_HD void hx_record(const hx_ctx<T> &c, long long sample) {
    T *out = (T *)c.r.out;
    const long long R = c.r.n_recordings;
    for (long long rr = 0; rr < R; rr++) {
        out[(sample * R + rr) * c.B + c.b] = hx_recording_value(c, rr);
    }
}

/* Hines elimination over the solve order (leaves to root), then back substitution into v. */
template <typename T> HX_HD void hx_solve_tree(const hx_ctx<T> &c) {
    const hx_run &r = c.r;
    const T *lower = (const T *)r.lower;
    const T *upper = (const T *)r.upper;
    for (long long idx = c.n - 1; idx >= 0; idx--) {
        const long long k = r.order[idx];
        const long long p = r.parent[k];
        if (p < 0) {
            continue;
        }
        const T m = upper[c.ix(k, HX_BATCHED_GEOMETRY)] / c.d[c.ixn(k)];
        c.d[c.ixn(p)] -= m * lower[c.ix(k, HX_BATCHED_GEOMETRY)];
        c.rhs[c.ixn(p)] -= m * c.rhs[c.ixn(k)];
    }
    for (long long idx = 0; idx < c.n; idx++) {
        const long long k = r.order[idx];
        const long long p = r.parent[k];
        c.v[c.ixn(k)] = p < 0 ? c.rhs[c.ixn(k)] / c.d[c.ixn(k)]
                             : (c.rhs[c.ixn(k)] - lower[c.ix(k, HX_BATCHED_GEOMETRY)] * c.v[c.ixn(p)]) / c.d[c.ixn(k)];
    }
}

/* Pieces of a step shared by both kernels (huxley_coop.cuh runs them spread over a block). */
template <typename T> HX_HD HX_FI void hx_clear_node(const hx_ctx<T> &c, long long k) {
    c.a[c.ixn(k)] = T(0.0);
    c.bv[c.ixn(k)] = T(0.0);
    c.iext[c.ixn(k)] = T(0.0);
}

/* External currents of the stimuli, in stimulus order (several may add into one node). */
template <typename T> HX_HD HX_FI void hx_stimuli(const hx_ctx<T> &c, long long step) {
    const hx_run &r = c.r;
    const T *area = (const T *)r.area;
    const T *stim = (const T *)r.stim;
    for (long long s = 0; s < r.n_stimuli; s++) {
        const long long node = r.stim_node[s];
        const T i = stim[c.ix(s * r.n_steps + step, HX_BATCHED_STIMULI)];
        c.iext[c.ixn(node)] += i * T(HX_POINT_TO_UA) / area[c.ix(node, HX_BATCHED_GEOMETRY)];
    }
}

/* Row k of the implicit system: diagonal and right-hand side (branch points algebraic). Reads a, bv
 * before writing d, rhs of the same node, so d may share a's storage and rhs bv's. */
template <typename T> HX_HD HX_FI void hx_assemble_node(const hx_ctx<T> &c, long long k) {
    const hx_run &r = c.r;
    const T g = ((const T *)r.diag0)[c.ix(k, HX_BATCHED_GEOMETRY)];
    if (r.is_branch_point[k]) {
        c.d[c.ixn(k)] = g;
        c.rhs[c.ixn(k)] = T(0.0);
    } else {
        const T cmk = ((const T *)r.cm)[c.ix(k, HX_BATCHED_GEOMETRY)];
        const T dk = g + c.dt * (c.a[c.ixn(k)] / cmk);
        const T rk = c.v[c.ixn(k)] + c.dt * ((c.bv[c.ixn(k)] + c.iext[c.ixn(k)]) / cmk);
        c.d[c.ixn(k)] = dk;
        c.rhs[c.ixn(k)] = rk;
    }
}

/* Clamps overwrite their nodes, in clamp order. */
template <typename T> HX_HD HX_FI void hx_clamps(const hx_ctx<T> &c, long long step) {
    const hx_run &r = c.r;
    const T *clamp = (const T *)r.clamp;
    for (long long q = 0; q < r.n_clamps; q++) {
        c.v[c.ixn(r.clamp_node[q])] = clamp[q * r.n_steps + step];
    }
}

/* One step n -> n+1 (docs/numerics.md), without the recording. Returns false if a voltage is non-finite.
 * apply_clamps = false leaves the solution of the implicit system (the adjoint differentiates that). */
template <typename T> HX_HD bool hx_step(const hx_ctx<T> &c, long long step, bool apply_clamps = true) {
    const long long n = c.n;
    for (long long k = 0; k < n; k++) {
        hx_clear_node(c, k);
    }
    hx_stimuli(c, step);
    hx_channels<T>(c, HX_PHASE_STEP);
    hx_synapses<T>(c, HX_PHASE_STEP);
    for (long long k = 0; k < n; k++) {
        hx_assemble_node(c, k);
    }
    hx_solve_tree(c);
    if (apply_clamps) {
        hx_clamps(c, step);
    }
    bool finite = true;
    for (long long k = 0; k < n; k++) {
        finite = finite && hx_isfinite(c.v[c.ixn(k)]);
    }
    return finite;
}

/* The initial state of instance c.b: v, states, currents of the initial state (HX_PHASE_INIT). */
template <typename T> HX_HD void hx_init_state(const hx_ctx<T> &c) {
    const hx_run &r = c.r;
    const T *v0 = (const T *)r.v0;
    for (long long k = 0; k < c.n; k++) {
        c.v[c.ixn(k)] = r.is_branch_point[k] ? T(0.0) : v0[c.ix(k, HX_BATCHED_GEOMETRY)];
    }
    T *chs = (T *)r.ch_state;
    const T *chs0 = (const T *)r.ch_state0;
    for (long long q = 0; q < r.n_ch_state_rows; q++) {
        chs[c.ixcs(q)] = chs0[c.ix(q)];
    }
    T *sys = (T *)r.sy_state;
    const T *sys0 = (const T *)r.sy_state0;
    for (long long q = 0; q < r.n_sy_state_rows; q++) {
        sys[c.ixss(q)] = sys0[c.ix(q)];
    }
    T *chI = (T *)r.ch_current;
    for (long long q = 0; q < r.n_ch_instances; q++) {
        chI[c.ixci(q)] = T(0.0);
    }
    T *syI = (T *)r.sy_current;
    for (long long q = 0; q < r.n_sy_instances; q++) {
        syI[c.ixsi(q)] = T(0.0);
    }
    hx_channels<T>(c, HX_PHASE_INIT);
    hx_synapses<T>(c, HX_PHASE_INIT);
}

/* NaN into every sample of instance c.b after the step that diverged. */
template <typename T> HX_HD void hx_fill_diverged(const hx_ctx<T> &c, long long step) {
    const hx_run &r = c.r;
    const long long stride = r.record_every;
    T *out = (T *)r.out;
    const long long R = r.n_recordings;
    for (long long sample = (step + stride) / stride; sample < r.n_samples; sample++) {
        for (long long rr = 0; rr < R; rr++) {
            out[(sample * R + rr) * c.B + c.b] = hx_nan<T>();
        }
    }
}

/* The whole run of instance b: initial state, n_steps steps, samples every record_every steps. */
template <typename T> HX_HD void hx_forward_instance(const hx_run &r, long long b) {
    hx_ctx<T> c(r, b);
    hx_init_state(c);
    hx_record(c, 0);
    const long long stride = r.record_every;
    int diverged = -1;
    for (long long step = 0; step < r.n_steps; step++) {
        if (!hx_step(c, step)) {
            diverged = (int)(step + 1);
            hx_fill_diverged(c, step);
            break;
        }
        if ((step + 1) % stride == 0) {
            hx_record(c, (step + 1) / stride);
        }
    }
    r.diverged_at[b] = diverged;
}

#endif /* HUXLEY_STEP_CUH */
