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
        case HX_REC_V: x = c.v[c.ix(idx)]; break;
        case HX_REC_CH_STATE: x = ((const T *)r.ch_state)[c.ix(idx)]; break;
        case HX_REC_CH_CURRENT: x = ((const T *)r.ch_current)[c.ix(idx)]; break;
        case HX_REC_SY_STATE: x = ((const T *)r.sy_state)[c.ix(idx)]; break;
        default: x = ((const T *)r.sy_current)[c.ix(idx)]; break;
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
        const T m = upper[c.ix(k, HX_BATCHED_GEOMETRY)] / c.d[c.ix(k)];
        c.d[c.ix(p)] -= m * lower[c.ix(k, HX_BATCHED_GEOMETRY)];
        c.rhs[c.ix(p)] -= m * c.rhs[c.ix(k)];
    }
    for (long long idx = 0; idx < c.n; idx++) {
        const long long k = r.order[idx];
        const long long p = r.parent[k];
        c.v[c.ix(k)] = p < 0 ? c.rhs[c.ix(k)] / c.d[c.ix(k)]
                             : (c.rhs[c.ix(k)] - lower[c.ix(k, HX_BATCHED_GEOMETRY)] * c.v[c.ix(p)]) / c.d[c.ix(k)];
    }
}

/* One step n -> n+1 (docs/numerics.md), without the recording. Returns false if a voltage is non-finite.
 * apply_clamps = false leaves the solution of the implicit system (the adjoint differentiates that). */
template <typename T> HX_HD bool hx_step(const hx_ctx<T> &c, long long step, bool apply_clamps = true) {
    const hx_run &r = c.r;
    const long long n = c.n;
    const T *area = (const T *)r.area;
    const T *cm = (const T *)r.cm;
    const T *diag0 = (const T *)r.diag0;
    for (long long k = 0; k < n; k++) {
        c.a[c.ix(k)] = T(0.0);
        c.bv[c.ix(k)] = T(0.0);
        c.iext[c.ix(k)] = T(0.0);
    }
    const T *stim = (const T *)r.stim;
    for (long long s = 0; s < r.n_stimuli; s++) {
        const long long node = r.stim_node[s];
        const T i = stim[c.ix(s * r.n_steps + step, HX_BATCHED_STIMULI)];
        c.iext[c.ix(node)] += i * T(HX_POINT_TO_UA) / area[c.ix(node, HX_BATCHED_GEOMETRY)];
    }
    hx_channels<T>(c, HX_PHASE_STEP);
    hx_synapses<T>(c, HX_PHASE_STEP);
    for (long long k = 0; k < n; k++) {
        const T g = diag0[c.ix(k, HX_BATCHED_GEOMETRY)];
        if (r.is_branch_point[k]) {
            c.d[c.ix(k)] = g;
            c.rhs[c.ix(k)] = T(0.0);
        } else {
            const T cmk = cm[c.ix(k, HX_BATCHED_GEOMETRY)];
            c.d[c.ix(k)] = g + c.dt * (c.a[c.ix(k)] / cmk);
            c.rhs[c.ix(k)] = c.v[c.ix(k)] + c.dt * ((c.bv[c.ix(k)] + c.iext[c.ix(k)]) / cmk);
        }
    }
    hx_solve_tree(c);
    const T *clamp = (const T *)r.clamp;
    for (long long q = 0; apply_clamps && q < r.n_clamps; q++) {
        c.v[c.ix(r.clamp_node[q])] = clamp[q * r.n_steps + step];
    }
    bool finite = true;
    for (long long k = 0; k < n; k++) {
        finite = finite && hx_isfinite(c.v[c.ix(k)]);
    }
    return finite;
}

/* The initial state of instance c.b: v, states, currents of the initial state (HX_PHASE_INIT). */
template <typename T> HX_HD void hx_init_state(const hx_ctx<T> &c) {
    const hx_run &r = c.r;
    const T *v0 = (const T *)r.v0;
    for (long long k = 0; k < c.n; k++) {
        c.v[c.ix(k)] = r.is_branch_point[k] ? T(0.0) : v0[c.ix(k, HX_BATCHED_GEOMETRY)];
    }
    T *chs = (T *)r.ch_state;
    const T *chs0 = (const T *)r.ch_state0;
    for (long long q = 0; q < r.n_ch_state_rows; q++) {
        chs[c.ix(q)] = chs0[c.ix(q)];
    }
    T *sys = (T *)r.sy_state;
    const T *sys0 = (const T *)r.sy_state0;
    for (long long q = 0; q < r.n_sy_state_rows; q++) {
        sys[c.ix(q)] = sys0[c.ix(q)];
    }
    T *chI = (T *)r.ch_current;
    for (long long q = 0; q < r.n_ch_instances; q++) {
        chI[c.ix(q)] = T(0.0);
    }
    T *syI = (T *)r.sy_current;
    for (long long q = 0; q < r.n_sy_instances; q++) {
        syI[c.ix(q)] = T(0.0);
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
