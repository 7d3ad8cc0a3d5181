/*
 * huxley_adjoint.cuh: the gradient kernels (the phases of huxley_adjoint_abi.h), one thread per
 * instance, and their entry points. Included by a generated source after the adjoint dispatch
 * hx_channels_adj / hx_synapses_adj and huxley_step.cuh. The backward step is
 * org.huxley.adjoint.internal.BackwardStepper operation for operation (docs/adjoint.md); transmission
 * delays and spike trains are refused by the host before a launch (as for the forward kernels).
 */
#ifndef HUXLEY_ADJOINT_CUH
#define HUXLEY_ADJOINT_CUH

#include "huxley_adjoint_mech.cuh"
#include "huxley_step.cuh"

/* Element (row) of stored state `slot` in a [slot][S][set] array. */
template <typename T> HX_HD HX_FI T *hx_adj_slot(void *base, const hx_adj &a, long long slot) {
    return (T *)base + slot * a.state_size * a.run.n_sets;
}

/* The working state of the forward context (v, channel and synapse states) into stored state dst. */
template <typename T> HX_HD void hx_adj_store(const hx_ctx<T> &c, const hx_adj &a, T *dst) {
    const hx_run &r = c.r;
    const T *chs = (const T *)r.ch_state;
    const T *sys = (const T *)r.sy_state;
    for (long long k = 0; k < c.n; k++) {
        dst[c.ix(k)] = c.v[c.ix(k)];
    }
    for (long long q = 0; q < r.n_ch_state_rows; q++) {
        dst[c.ix(c.n + q)] = chs[c.ix(q)];
    }
    for (long long q = 0; q < r.n_sy_state_rows; q++) {
        dst[c.ix(c.n + r.n_ch_state_rows + q)] = sys[c.ix(q)];
    }
    (void)a;
}

/* A stored state into the working state of the forward context. */
template <typename T> HX_HD void hx_adj_load(const hx_ctx<T> &c, const T *src) {
    const hx_run &r = c.r;
    T *chs = (T *)r.ch_state;
    T *sys = (T *)r.sy_state;
    for (long long k = 0; k < c.n; k++) {
        c.v[c.ix(k)] = src[c.ix(k)];
    }
    for (long long q = 0; q < r.n_ch_state_rows; q++) {
        chs[c.ix(q)] = src[c.ix(c.n + q)];
    }
    for (long long q = 0; q < r.n_sy_state_rows; q++) {
        sys[c.ix(q)] = src[c.ix(c.n + r.n_ch_state_rows + q)];
    }
}

/* Adds dL/d(sample recorded at step n) to the cotangents of state n (v and states; not currents). */
template <typename T> HX_HD void hx_adj_add_loss(const hx_actx<T> &c, long long step) {
    const hx_run &r = c.r;
    if (step % r.record_every != 0) {
        return;
    }
    const long long k = step / r.record_every;
    const long long R = r.n_recordings;
    const T *g = (const T *)c.a.rec_grad;
    for (long long rr = 0; rr < R; rr++) {
        const T gv = g[(k * R + rr) * c.B + c.b];
        if (gv == T(0.0)) {
            continue;
        }
        for (int j = r.rec_term_off[rr]; j < r.rec_term_off[rr + 1]; j++) {
            const long long idx = r.rec_term_index[j];
            switch (r.rec_term_kind[j]) {
            case HX_REC_V: c.acc[c.ix(c.a_v + idx)] += gv; break;
            case HX_REC_CH_STATE: c.acc[c.ix(c.a_x + idx)] += gv; break;
            case HX_REC_SY_STATE: c.acc[c.ix(c.a_s + idx)] += gv; break;
            default: break; /* currents: the host refuses losses on them */
            }
        }
    }
}

/* One backward step n: cotangents of state n+1 (in acc) become those of state n; accumulators grow. */
template <typename T> HX_HD void hx_adj_backward_step(const hx_actx<T> &c, long long step) {
    const hx_run &r = c.r;
    const hx_adj &a = c.a;
    const long long n = c.n;
    const T *area = (const T *)r.area;
    const T *cm = (const T *)r.cm;
    const T *diag0 = (const T *)r.diag0;
    const T *lower = (const T *)r.lower;
    const T *upper = (const T *)r.upper;
    T *vbar = c.acc + c.a_v * c.B;
    const T *vn = c.sn;
    const T *v1 = c.s1;
    for (long long q = 0; q < r.n_clamps; q++) {
        vbar[c.ix(r.clamp_node[q])] = T(0.0); /* overwritten by the clamp: nothing flows back through the solve */
    }
    /* B1: the slopes of step n -> the diagonal of M. */
    for (long long k = 0; k < n; k++) {
        c.wa[c.ix(k)] = T(0.0);
    }
    hx_channels_adj<T>(c, HX_ADJ_PHASE_SLOPE);
    hx_synapses_adj<T>(c, HX_ADJ_PHASE_SLOPE);
    /* B2: the transposed tree solve M^T lambda = r: the forward sweeps with lower and upper swapped. */
    for (long long k = 0; k < n; k++) {
        const T g = diag0[c.ix(k, HX_BATCHED_GEOMETRY)];
        if (r.is_branch_point[k]) {
            c.wd[c.ix(k)] = g;
            c.lam[c.ix(k)] = T(0.0);
        } else {
            c.wd[c.ix(k)] = g + c.dt * (c.wa[c.ix(k)] / cm[c.ix(k, HX_BATCHED_GEOMETRY)]);
            c.lam[c.ix(k)] = vbar[c.ix(k)];
        }
    }
    for (long long idx = n - 1; idx >= 0; idx--) {
        const long long k = r.order[idx];
        const long long p = r.parent[k];
        if (p < 0) {
            continue;
        }
        const T m = lower[c.ix(k, HX_BATCHED_GEOMETRY)] / c.wd[c.ix(k)];
        c.wd[c.ix(p)] -= m * upper[c.ix(k, HX_BATCHED_GEOMETRY)];
        c.lam[c.ix(p)] -= m * c.lam[c.ix(k)];
    }
    for (long long idx = 0; idx < n; idx++) {
        const long long k = r.order[idx];
        const long long p = r.parent[k];
        c.lam[c.ix(k)] = p < 0 ? c.lam[c.ix(k)] / c.wd[c.ix(k)]
                               : (c.lam[c.ix(k)] - upper[c.ix(k, HX_BATCHED_GEOMETRY)] * c.lam[c.ix(p)]) / c.wd[c.ix(k)];
    }
    /* B3, B7, B11. */
    for (long long k = 0; k < n; k++) {
        const T l = c.lam[c.ix(k)];
        if (r.is_branch_point[k]) {
            c.mu[c.ix(k)] = T(0.0);
            c.nu[c.ix(k)] = c.dt * l;
            vbar[c.ix(k)] = T(0.0);
        } else {
            const T cmk = cm[c.ix(k, HX_BATCHED_GEOMETRY)];
            const T m = c.dt * l / cmk;
            c.mu[c.ix(k)] = m;
            c.nu[c.ix(k)] = T(1e7) * m / area[c.ix(k, HX_BATCHED_GEOMETRY)];
            vbar[c.ix(k)] = l;
            c.acc[c.ix(c.a_cap + k)] += -l * (v1[c.ix(k)] - vn[c.ix(k)]) / cmk;
        }
    }
    /* B4 + B9: channels. */
    hx_channels_adj<T>(c, HX_ADJ_PHASE_BACK);
    /* B5: stimuli enter through the area of their compartment. */
    const T *stim = (const T *)r.stim;
    for (long long s = 0; s < r.n_stimuli; s++) {
        const long long node = r.stim_node[s];
        const T ar = area[c.ix(node, HX_BATCHED_GEOMETRY)];
        const T u = stim[c.ix(s * r.n_steps + step, HX_BATCHED_STIMULI)];
        c.acc[c.ix(c.a_area + node)] += -c.mu[c.ix(node)] * T(HX_POINT_TO_UA) * u / (ar * ar);
    }
    /* B6 + B10: synapses. */
    hx_synapses_adj<T>(c, HX_ADJ_PHASE_BACK);
    /* B8: axial resistors -> resistivity, loads and areas. */
    const T *lr = (const T *)a.link_r;
    const T *ra = (const T *)a.ra;
    const T *lin = (const T *)a.load_in;
    const T *lout = (const T *)a.load_out;
    for (long long l = 0; l < a.n_links; l++) {
        const long long la = a.link_a[l];
        const long long lb = a.link_b[l];
        const T R = lr[c.ix(l, HX_BATCHED_GEOMETRY)];
        const T va = v1[c.ix(la)];
        const T vb = v1[c.ix(lb)];
        const T rbar = (vb - va) * (c.nu[c.ix(lb)] - c.nu[c.ix(la)]) / (R * R);
        const int kind = a.link_kind[l];
        if (kind == HX_LINK_COMP_TO_COMP) {
            c.acc[c.ix(c.a_ra + la)] += rbar * lout[c.ix(la, HX_BATCHED_GEOMETRY)];
            c.acc[c.ix(c.a_lout + la)] += rbar * ra[c.ix(la, HX_BATCHED_GEOMETRY)];
            c.acc[c.ix(c.a_ra + lb)] += rbar * lin[c.ix(lb, HX_BATCHED_GEOMETRY)];
            c.acc[c.ix(c.a_lin + lb)] += rbar * ra[c.ix(lb, HX_BATCHED_GEOMETRY)];
            c.acc[c.ix(c.a_area + la)] += c.nu[c.ix(la)] * (va - vb) / (R * area[c.ix(la, HX_BATCHED_GEOMETRY)]);
        } else if (kind == HX_LINK_BP_TO_PARENT_END) {
            c.acc[c.ix(c.a_ra + lb)] += rbar * lout[c.ix(lb, HX_BATCHED_GEOMETRY)];
            c.acc[c.ix(c.a_lout + lb)] += rbar * ra[c.ix(lb, HX_BATCHED_GEOMETRY)];
        } else {
            c.acc[c.ix(c.a_ra + lb)] += rbar * lin[c.ix(lb, HX_BATCHED_GEOMETRY)];
            c.acc[c.ix(c.a_lin + lb)] += rbar * ra[c.ix(lb, HX_BATCHED_GEOMETRY)];
        }
        c.acc[c.ix(c.a_area + lb)] += c.nu[c.ix(lb)] * (vb - va) / (R * area[c.ix(lb, HX_BATCHED_GEOMETRY)]);
    }
}

/* HX_ADJ_FORWARD for instance b: the forward run with checkpoints every K steps and at the end. */
template <typename T> HX_HD void hx_adj_forward_instance(const hx_adj &a, long long b) {
    const hx_run &r = a.run;
    hx_ctx<T> c(r, b);
    T *acc = (T *)a.acc;
    for (long long q = 0; q < a.n_acc; q++) {
        acc[c.ix(q)] = T(0.0);
    }
    hx_init_state(c);
    hx_record(c, 0);
    hx_adj_store(c, a, hx_adj_slot<T>(a.ckpt, a, 0));
    const long long stride = r.record_every;
    const long long K = a.ckpt_every;
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
        if ((step + 1) % K == 0 || step + 1 == r.n_steps) {
            hx_adj_store(c, a, hx_adj_slot<T>(a.ckpt, a, (step + K) / K));
        }
    }
    r.diverged_at[b] = diverged;
}

/* HX_ADJ_SEGMENT for instance b: recompute segment a.segment from its checkpoint, then reverse it. */
template <typename T> HX_HD void hx_adj_segment_instance(const hx_adj &a, long long b) {
    const hx_run &r = a.run;
    if (r.diverged_at[b] >= 0) {
        return;
    }
    hx_ctx<T> c(r, b);
    const long long K = a.ckpt_every;
    const long long first = a.segment * K;
    const long long end = first + K < r.n_steps ? first + K : r.n_steps;
    const long long S = a.state_size;
    T *ck0 = hx_adj_slot<T>(a.ckpt, a, a.segment);
    T *seg0 = hx_adj_slot<T>(a.seg, a, 0);
    for (long long q = 0; q < S; q++) {
        seg0[c.ix(q)] = ck0[c.ix(q)];
    }
    hx_adj_load(c, seg0);
    for (long long step = first; step < end - 1; step++) {
        hx_step(c, step);
        hx_adj_store(c, a, hx_adj_slot<T>(a.seg, a, step + 1 - first));
    }
    T *ck1 = hx_adj_slot<T>(a.ckpt, a, a.segment + 1);
    T *segEnd = hx_adj_slot<T>(a.seg, a, end - first);
    for (long long q = 0; q < S; q++) {
        segEnd[c.ix(q)] = ck1[c.ix(q)];
    }
    hx_actx<T> ac(a, b);
    if (end == r.n_steps) {
        hx_adj_add_loss(ac, end);
    }
    for (long long step = end - 1; step >= first; step--) {
        ac.sn = hx_adj_slot<T>(a.seg, a, step - first);
        if (r.n_clamps > 0) {
            hx_adj_load(c, ac.sn);
            hx_step(c, step, false);
            T *tmp = (T *)a.tmp;
            hx_adj_store(c, a, tmp);
            ac.s1 = tmp;
        } else {
            ac.s1 = hx_adj_slot<T>(a.seg, a, step + 1 - first);
        }
        hx_adj_backward_step(ac, step);
        hx_adj_add_loss(ac, step);
    }
}

/* HX_ADJ_REDUCE for instance b: the gradient of every parameter from its accumulator terms. */
template <typename T> HX_HD void hx_adj_reduce_instance(const hx_adj &a, long long b) {
    const hx_run &r = a.run;
    const long long B = r.n_sets;
    const T *acc = (const T *)a.acc;
    const T *coef = (const T *)a.grad_term_coef;
    T *grad = (T *)a.grad;
    const bool dead = r.diverged_at[b] >= 0;
    for (long long p = 0; p < a.n_params; p++) {
        T g = T(0.0);
        for (int j = a.grad_term_off[p]; j < a.grad_term_off[p + 1]; j++) {
            const long long cj = (r.batched_flags & HX_BATCHED_GEOMETRY) ? j * B + b : j;
            g += coef[cj] * acc[(long long)a.grad_term_row[j] * B + b];
        }
        grad[p * B + b] = dead ? hx_nan<T>() : g;
    }
}

/* HX_ADJ_LOSS for instance b: the mean squared error of its recordings and dL/d(recording) (MeanSquaredError). */
template <typename T> HX_HD void hx_adj_loss_instance(const hx_adj &a, long long b) {
    const hx_run &r = a.run;
    const long long B = r.n_sets;
    const long long R = r.n_recordings;
    const long long samples = r.n_samples;
    const long long stride = a.loss_stride;
    const T *out = (const T *)r.out;
    const T *target = (const T *)a.loss_target;
    T *g = (T *)a.rec_grad;
    T *value = (T *)a.loss_value;
    for (long long q = 0; q < samples * R; q++) {
        g[q * B + b] = T(0.0);
    }
    const long long count = R * ((samples + stride - 1) / stride);
    T sum = T(0.0);
    for (long long rr = 0; rr < R; rr++) {
        for (long long k = 0; k < samples; k += stride) {
            const T d = out[(k * R + rr) * B + b] - (target ? target[rr * samples + k] : T(a.loss_constant));
            sum += d * d;
            g[(k * R + rr) * B + b] = T(2.0) * d / T((double)count);
        }
    }
    value[b] = sum / T((double)count);
}

template <typename T> HX_HD HX_FI bool hx_adj_abi_ok(const hx_adj &a) {
    return a.adj_abi_version == HX_ADJ_ABI_VERSION && a.run.abi_version == HX_ABI_VERSION
            && a.run.real_size == (long long)sizeof(T);
}

template <typename T> HX_HD HX_FI void hx_adj_instance(const hx_adj &a, long long b, int phase) {
    switch (phase) {
    case HX_ADJ_FORWARD: hx_adj_forward_instance<T>(a, b); break;
    case HX_ADJ_SEGMENT: hx_adj_segment_instance<T>(a, b); break;
    case HX_ADJ_LOSS: hx_adj_loss_instance<T>(a, b); break;
    default: hx_adj_reduce_instance<T>(a, b); break;
    }
}

#if defined(__CUDACC__)

#ifndef HX_BLOCK_SIZE
#define HX_BLOCK_SIZE 128
#endif

template <typename T> __device__ HX_FI void hx_adj_thread(const hx_adj &a, int phase) {
    const long long b = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (!hx_adj_abi_ok<T>(a)) {
        if (b == 0) {
            *a.run.status = HX_STATUS_ABI_MISMATCH;
        }
        return;
    }
    if (b < a.run.n_sets) {
        hx_adj_instance<T>(a, b, phase);
    }
}

#if !defined(HX_ONLY_F64)
extern "C" __global__ void __launch_bounds__(HX_BLOCK_SIZE) hx_adj_forward_f32(const hx_adj a) {
    hx_adj_thread<float>(a, HX_ADJ_FORWARD);
}
extern "C" __global__ void __launch_bounds__(HX_BLOCK_SIZE) hx_adj_segment_f32(const hx_adj a) {
    hx_adj_thread<float>(a, HX_ADJ_SEGMENT);
}
extern "C" __global__ void __launch_bounds__(HX_BLOCK_SIZE) hx_adj_reduce_f32(const hx_adj a) {
    hx_adj_thread<float>(a, HX_ADJ_REDUCE);
}
extern "C" __global__ void __launch_bounds__(HX_BLOCK_SIZE) hx_adj_loss_f32(const hx_adj a) {
    hx_adj_thread<float>(a, HX_ADJ_LOSS);
}
#endif
#if !defined(HX_ONLY_F32)
extern "C" __global__ void __launch_bounds__(HX_BLOCK_SIZE) hx_adj_forward_f64(const hx_adj a) {
    hx_adj_thread<double>(a, HX_ADJ_FORWARD);
}
extern "C" __global__ void __launch_bounds__(HX_BLOCK_SIZE) hx_adj_segment_f64(const hx_adj a) {
    hx_adj_thread<double>(a, HX_ADJ_SEGMENT);
}
extern "C" __global__ void __launch_bounds__(HX_BLOCK_SIZE) hx_adj_reduce_f64(const hx_adj a) {
    hx_adj_thread<double>(a, HX_ADJ_REDUCE);
}
extern "C" __global__ void __launch_bounds__(HX_BLOCK_SIZE) hx_adj_loss_f64(const hx_adj a) {
    hx_adj_thread<double>(a, HX_ADJ_LOSS);
}
#endif

#else /* host build */

#include <cstddef>
#include <cstring>

#define HX_ADJ_EXPORT extern "C" __attribute__((visibility("default")))

/* Runs one phase for every instance of the launch on the calling thread; returns HX_STATUS_*. */
HX_ADJ_EXPORT int hx_host_adjoint(const hx_adj *a, int phase) {
    if (a->run.real_size == 8 && hx_adj_abi_ok<double>(*a)) {
        for (long long b = 0; b < a->run.n_sets; b++) {
            hx_adj_instance<double>(*a, b, phase);
        }
    } else if (a->run.real_size == 4 && hx_adj_abi_ok<float>(*a)) {
        for (long long b = 0; b < a->run.n_sets; b++) {
            hx_adj_instance<float>(*a, b, phase);
        }
    } else {
        return HX_STATUS_ABI_MISMATCH;
    }
    return *a->run.status;
}

HX_ADJ_EXPORT long long hx_host_adj_struct_size(void) { return (long long)sizeof(hx_adj); }

/* Byte offset of a field of hx_adj after the embedded hx_run, or -1 (checked against AdjointLayout). */
HX_ADJ_EXPORT long long hx_host_adj_field_offset(const char *name) {
#define HX_AFIELD(f) if (std::strcmp(name, #f) == 0) return (long long)offsetof(hx_adj, f);
    HX_AFIELD(adj_abi_version) HX_AFIELD(n_links) HX_AFIELD(ckpt_every) HX_AFIELD(n_ckpt) HX_AFIELD(segment)
    HX_AFIELD(state_size) HX_AFIELD(n_acc) HX_AFIELD(n_params) HX_AFIELD(n_ch_param_rows)
    HX_AFIELD(n_sy_param_rows) HX_AFIELD(link_a) HX_AFIELD(link_b) HX_AFIELD(link_kind) HX_AFIELD(link_r)
    HX_AFIELD(ra) HX_AFIELD(load_in) HX_AFIELD(load_out) HX_AFIELD(grad_term_off) HX_AFIELD(grad_term_row)
    HX_AFIELD(grad_term_coef) HX_AFIELD(rec_grad) HX_AFIELD(ckpt) HX_AFIELD(seg) HX_AFIELD(tmp) HX_AFIELD(acc)
    HX_AFIELD(work) HX_AFIELD(grad) HX_AFIELD(loss_kind) HX_AFIELD(loss_stride) HX_AFIELD(loss_constant)
    HX_AFIELD(loss_target) HX_AFIELD(loss_value)
#undef HX_AFIELD
    return -1;
}

#endif
#endif /* HUXLEY_ADJOINT_CUH */
