/*
 * huxley_mech.cuh: the per-instance context and the mechanism hooks (one channel or synapse table
 * of one instance), templated over the real type T and a generated mechanism type M:
 *
 *   template <typename T> struct M {
 *       static constexpr int NP, NS;                            // parameters, states
 *       static void update(T v, T v_pre, T dt, const T* p, T* s);  // s <- states after one step
 *       static T current(T v, T v_pre, T dt, const T* p, const T* s);
 *       static T slope(T v, T v_pre, T dt, const T* p, const T* s); // dI/dv (+ dI/dv_pre)
 *   };
 *
 * The generated source (CudaSourceGenerator) defines the M types and the dispatch functions
 * hx_channels<T> / hx_synapses<T>, which call hx_channel_table / hx_synapse_table below with the
 * table's M, and then includes huxley_step.cuh.
 */
#ifndef HUXLEY_MECH_CUH
#define HUXLEY_MECH_CUH

#include "huxley_abi.h"
#include "huxley_math.cuh"

#define HX_PHASE_INIT 0 /* currents of the initial state only */
#define HX_PHASE_STEP 1 /* advance states, then current and slope into a and b */

/* mA/cm^2 -> uA/cm^2 and nA/um^2 -> uA/cm^2 (ForwardStepper.CHANNEL_TO_UA, POINT_TO_UA). */
#define HX_CHANNEL_TO_UA 1000.0
#define HX_POINT_TO_UA 1e5

/* What one thread (one instance) needs to address its data. */
template <typename T> struct hx_ctx {
    const hx_run &r;
    long long B;  /* batch stride */
    long long b;  /* this instance */
    T dt;
    T delta;
    bool fd;
    long long n;  /* nodes */
    T *v;
    T *a;         /* scratch rows */
    T *bv;
    T *iext;
    T *d;
    T *rhs;
    /* Node arrays (v, a, bv, iext, d, rhs) are indexed k * ns + nb: (B, b) in the global per-set arrays
     * of the thread-per-instance kernel, (1, 0) in the block's own copy of the cell-per-block kernel. */
    long long ns;
    long long nb;
    /* The working per-instance arrays (ch_state, ch_current, sy_state, sy_current) are indexed
     * row * ws + base: (B, b) batch-innermost as the thread-per-instance kernel needs, or, after
     * instance_major(), (1, b * rows) so that a cell-per-block block's threads, spread over the
     * instances of one set, touch neighbouring words. */
    long long ws;
    long long chs_b;
    long long chi_b;
    long long sys_b;
    long long syi_b;

    HX_HD hx_ctx(const hx_run &run, long long set)
        : r(run), B(run.n_sets), b(set), dt(T(run.dt)), delta(T(run.fd_delta)),
          fd(run.slope_mode == HX_SLOPE_FORWARD_DIFFERENCE), n(run.n_nodes), ns(run.n_sets), nb(set),
          ws(run.n_sets), chs_b(set), chi_b(set), sys_b(set), syi_b(set) {
        v = (T *)run.v;
        T *s = (T *)run.scratch;
        a = s;
        bv = s + n * B;
        iext = s + 2 * n * B;
        d = s + 3 * n * B;
        rhs = s + 4 * n * B;
    }

    /* Switches the working per-instance arrays to instance-major order within this set's slice. */
    HX_HD void instance_major() {
        ws = 1;
        chs_b = b * r.n_ch_state_rows;
        chi_b = b * r.n_ch_instances;
        sys_b = b * r.n_sy_state_rows;
        syi_b = b * r.n_sy_instances;
    }
    /* Row of this instance in ch_state, ch_current, sy_state, sy_current. */
    HX_HD HX_FI long long ixcs(long long row) const { return row * ws + chs_b; }
    HX_HD HX_FI long long ixci(long long row) const { return row * ws + chi_b; }
    HX_HD HX_FI long long ixss(long long row) const { return row * ws + sys_b; }
    HX_HD HX_FI long long ixsi(long long row) const { return row * ws + syi_b; }
    /* Element (row, this set) of a per-set array. */
    HX_HD HX_FI long long ix(long long row) const { return row * B + b; }
    /* Element k of a node array (v, a, bv, iext, d, rhs) of this instance. */
    HX_HD HX_FI long long ixn(long long k) const { return k * ns + nb; }
    /* Element (row, this set) of an array stored once or per set. */
    HX_HD HX_FI long long ix(long long row, long long flag) const {
        return (r.batched_flags & flag) ? row * B + b : row;
    }
};

/* Advances (or, at HX_PHASE_INIT, only evaluates) instance i of channel table t. */
template <typename T, typename M> HX_HD HX_FI void hx_channel_instance(const hx_ctx<T> &c, int t, int i, int phase) {
    const hx_run &r = c.r;
    const int count = r.ch_count[t];
    const int io = r.ch_inst_off[t];
    const int po = r.ch_param_off[t];
    const int so = r.ch_state_off[t];
    const T *P = (const T *)r.ch_param;
    T *S = (T *)r.ch_state;
    T *I = (T *)r.ch_current;
    const long long node = r.ch_node[io + i];
    T p[M::NP > 0 ? M::NP : 1];
    T s[M::NS > 0 ? M::NS : 1];
    for (int q = 0; q < M::NP; q++) {
        p[q] = P[c.ix(po + (long long)q * count + i, HX_BATCHED_CH_PARAMS)];
    }
    for (int q = 0; q < M::NS; q++) {
        s[q] = S[c.ixcs(so + (long long)q * count + i)];
    }
    const T vn = c.v[c.ixn(node)];
    if (phase == HX_PHASE_STEP) {
        M::update(vn, T(0.0), c.dt, p, s);
        for (int q = 0; q < M::NS; q++) {
            S[c.ixcs(so + (long long)q * count + i)] = s[q];
        }
    }
    const T i0 = M::current(vn, T(0.0), c.dt, p, s);
    I[c.ixci(io + i)] = i0;
    if (phase == HX_PHASE_STEP) {
        T slope;
        if (c.fd) {
            slope = (M::current(vn + c.delta, T(0.0), c.dt, p, s) - i0) / c.delta;
        } else {
            slope = M::slope(vn, T(0.0), c.dt, p, s);
        }
        c.a[c.ixn(node)] += T(HX_CHANNEL_TO_UA) * slope;
        c.bv[c.ixn(node)] += T(HX_CHANNEL_TO_UA) * (slope * vn - i0);
    }
}

/* Every instance of channel table t, in order (one thread per instance). */
template <typename T, typename M> HX_HD void hx_channel_table(const hx_ctx<T> &c, int t, int phase) {
    const int count = c.r.ch_count[t];
    for (int i = 0; i < count; i++) {
        hx_channel_instance<T, M>(c, t, i, phase);
    }
}

/* The same for synapse table t: pre- and post-synaptic voltage, current converted with the post area. */
template <typename T, typename M> HX_HD void hx_synapse_table(const hx_ctx<T> &c, int t, int phase) {
    const hx_run &r = c.r;
    const int count = r.sy_count[t];
    const int io = r.sy_inst_off[t];
    const int po = r.sy_param_off[t];
    const int so = r.sy_state_off[t];
    const T *P = (const T *)r.sy_param;
    const T *area = (const T *)r.area;
    T *S = (T *)r.sy_state;
    T *I = (T *)r.sy_current;
    for (int i = 0; i < count; i++) {
        const long long post = r.sy_post[io + i];
        const long long pre = r.sy_pre[io + i];
        T p[M::NP > 0 ? M::NP : 1];
        T s[M::NS > 0 ? M::NS : 1];
        for (int q = 0; q < M::NP; q++) {
            p[q] = P[c.ix(po + (long long)q * count + i, HX_BATCHED_SY_PARAMS)];
        }
        for (int q = 0; q < M::NS; q++) {
            s[q] = S[c.ixss(so + (long long)q * count + i)];
        }
        const T vpost = c.v[c.ixn(post)];
        const T vpre = c.v[c.ixn(pre)];
        if (phase == HX_PHASE_STEP) {
            M::update(vpost, vpre, c.dt, p, s);
            for (int q = 0; q < M::NS; q++) {
                S[c.ixss(so + (long long)q * count + i)] = s[q];
            }
        }
        const T i0 = M::current(vpost, vpre, c.dt, p, s);
        I[c.ixsi(io + i)] = i0;
        if (phase == HX_PHASE_STEP) {
            const T toDensity = T(HX_POINT_TO_UA) / area[c.ix(post, HX_BATCHED_GEOMETRY)];
            T slope;
            if (c.fd) {
                slope = (M::current(vpost + c.delta, vpre + c.delta, c.dt, p, s) * toDensity - i0 * toDensity)
                        / c.delta;
            } else {
                slope = M::slope(vpost, vpre, c.dt, p, s) * toDensity;
            }
            c.a[c.ixn(post)] += slope;
            c.bv[c.ixn(post)] += slope * vpost - i0 * toDensity;
        }
    }
}

/* ---- cell-per-block kernels (huxley_coop.cuh): the block's threads share one instance ---- */
#if defined(__CUDACC__)
#define HX_COOP __device__
/* f(i) for i in [0, n), spread over the block's threads, then a barrier: one phase of a step. Every
 * thread of the block must reach every hx_par (uniform control flow). */
template <typename T, typename F> __device__ HX_FI void hx_par(const hx_ctx<T> &, long long n, F f) {
    for (long long i = threadIdx.x; i < n; i += blockDim.x) {
        f(i);
    }
    __syncthreads();
}
/* f() on the block's first thread, without a barrier: work that a later barrier orders. */
template <typename T, typename F> __device__ HX_FI void hx_one(const hx_ctx<T> &, F f) {
    if (threadIdx.x == 0) {
        f();
    }
}
#else
#define HX_COOP
template <typename T, typename F> inline void hx_one(const hx_ctx<T> &, F f) {
    f();
}
/* Host build: the items of a phase in reverse order, so that an item depending on another item of
 * its own phase (a race on the device) changes the result that the tests compare bit for bit. */
template <typename T, typename F> inline void hx_par(const hx_ctx<T> &, long long n, F f) {
    for (long long i = n - 1; i >= 0; i--) {
        f(i);
    }
}
#endif

/* Channel table t with its instances spread over the block: exact only when no two instances of the
 * table share a node (the host checks: KernelLayout.cellPerBlockRefusal), since each adds into its node. */
template <typename T, typename M> HX_COOP void hx_channel_table_par(const hx_ctx<T> &c, int t, int phase) {
    hx_par(c, c.r.ch_count[t], [&](long long i) { hx_channel_instance<T, M>(c, t, (int)i, phase); });
}

#endif /* HUXLEY_MECH_CUH */
