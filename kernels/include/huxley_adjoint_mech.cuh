/*
 * huxley_adjoint_mech.cuh: the adjoint context of one instance and the mechanism hooks of the backward
 * step (adjoint-derivation B1, B4 + B9, B6 + B10; the CPU twin is org.huxley.adjoint.internal.
 * BackwardStepper). Templated over the real type T, the forward mechanism type M (huxley_mech.cuh) and
 * its generated derivative type D:
 *
 *   template <typename T> struct D {
 *       static constexpr int NS, NP, NCUR, NUPD;
 *       // at (v^n, x^{n+1}): I, S, dI/dv, dS/dv, dI/dv_pre, dS/dv_pre, dI/dx_q.., dS/dx_q.., dI/dp.., dS/dp..
 *       static void cur(T v, T v_pre, T dt, const T *p, const T *s, T *out);
 *       // at (v^n, x^n), per state q: dU_q/dv, dU_q/dv_pre, dU_q/dx_j.., dU_q/dp..
 *       static void upd(T v, T v_pre, T dt, const T *p, const T *s, T *out);
 *   };
 *
 * S is the slope the forward step used: the exact one, or Jaxley's difference quotient with v (and
 * v_pre for synapses) shifted by fd_delta, whose derivatives are difference quotients of D::cur.
 * The generated dispatch hx_channels_adj / hx_synapses_adj calls the hooks with each table's M and D;
 * huxley_adjoint.cuh (included after the dispatch) runs the step.
 */
#ifndef HUXLEY_ADJOINT_MECH_CUH
#define HUXLEY_ADJOINT_MECH_CUH

#include "huxley_adjoint_abi.h"
#include "huxley_mech.cuh"

#define HX_ADJ_PHASE_SLOPE 0 /* B1: the slopes of step n into the diagonal (work row a) */
#define HX_ADJ_PHASE_BACK 1  /* B4 + B9 (channels), B6 + B10 (synapses) */

/* Indices into the outputs of D::cur / D::upd (org.huxley.adjoint.internal.MechanismDerivatives' order). */
#define HX_D_I 0
#define HX_D_S 1
#define HX_D_DI_DV 2
#define HX_D_DS_DV 3
#define HX_D_DI_DVPRE 4
#define HX_D_DS_DVPRE 5
template <typename D> HX_HD HX_FI int hx_d_didx(int q) { return 6 + q; }
template <typename D> HX_HD HX_FI int hx_d_dsdx(int q) { return 6 + D::NS + q; }
template <typename D> HX_HD HX_FI int hx_d_didp(int p) { return 6 + 2 * D::NS + p; }
template <typename D> HX_HD HX_FI int hx_d_dsdp(int p) { return 6 + 2 * D::NS + D::NP + p; }
template <typename D> HX_HD HX_FI int hx_d_ubase(int q) { return q * (2 + D::NS + D::NP); }

/* What one thread needs for one backward step of its instance. */
template <typename T> struct hx_actx {
    const hx_adj &a;
    const hx_run &r;
    long long B;   /* batch stride */
    long long b;   /* this instance */
    long long n;   /* nodes */
    T dt;
    T delta;
    bool fd;
    const T *sn;   /* the stored state n, [S][set] */
    const T *s1;   /* state n+1 as the implicit solve left it (before clamps) */
    T *acc;
    T *wa, *wd, *lam, *mu, *nu;
    long long chs, sys;   /* row offsets of channel / synapse states in a stored state */
    long long a_cap, a_area, a_ra, a_lin, a_lout, a_chp, a_syp, a_v, a_x, a_s; /* accumulator rows */

    HX_HD hx_actx(const hx_adj &adj, long long set)
        : a(adj), r(adj.run), B(adj.run.n_sets), b(set), n(adj.run.n_nodes), dt(T(adj.run.dt)),
          delta(T(adj.run.fd_delta)), fd(adj.run.slope_mode == HX_SLOPE_FORWARD_DIFFERENCE), sn(0), s1(0) {
        acc = (T *)adj.acc;
        T *w = (T *)adj.work;
        wa = w;
        wd = w + n * B;
        lam = w + 2 * n * B;
        mu = w + 3 * n * B;
        nu = w + 4 * n * B;
        chs = n;
        sys = n + r.n_ch_state_rows;
        a_cap = 0;
        a_area = n;
        a_ra = 2 * n;
        a_lin = 3 * n;
        a_lout = 4 * n;
        a_chp = 5 * n;
        a_syp = a_chp + adj.n_ch_param_rows;
        a_v = a_syp + adj.n_sy_param_rows;
        a_x = a_v + n;
        a_s = a_x + r.n_ch_state_rows;
    }

    HX_HD HX_FI long long ix(long long row) const { return row * B + b; }
    HX_HD HX_FI long long ix(long long row, long long flag) const {
        return (r.batched_flags & flag) ? row * B + b : row;
    }
    /* dS/d(q) from the outputs at the point (cur) and shifted by delta (sh, difference slope only). */
    HX_HD HX_FI T ds(const T *cur, const T *sh, int iI, int iS) const {
        return fd ? (sh[iI] - cur[iI]) / delta : cur[iS];
    }
};

/*
 * Through one instance's state update (derivatives at (v^n, x^n) in upd, x~ in tilde): the state
 * cotangents become x-bar^n (written over x-bar^{n+1}, which tilde already holds), the parameter rows
 * accumulate; returns sum_q x~_q dU_q/dv. vpre_bar (if not null) gets sum_q x~_q dU_q/dv_pre.
 */
template <typename T, typename D> HX_HD HX_FI T hx_adj_propagate(const hx_actx<T> &c, const T *tilde, const T *upd,
        long long xrow0, long long prow0, int count, int i, T *vpre_bar) {
    T gv = T(0.0);
    for (int q = 0; q < D::NS; q++) {
        gv += tilde[q] * upd[hx_d_ubase<D>(q)];
    }
    for (int j = 0; j < D::NS; j++) {
        T x = T(0.0);
        for (int q = 0; q < D::NS; q++) {
            x += tilde[q] * upd[hx_d_ubase<D>(q) + 2 + j];
        }
        c.acc[c.ix(xrow0 + (long long)j * count + i)] = x;
    }
    for (int p = 0; p < D::NP; p++) {
        T g = c.acc[c.ix(prow0 + (long long)p * count + i)];
        for (int q = 0; q < D::NS; q++) {
            g += tilde[q] * upd[hx_d_ubase<D>(q) + 2 + D::NS + p];
        }
        c.acc[c.ix(prow0 + (long long)p * count + i)] = g;
    }
    if (vpre_bar) {
        for (int q = 0; q < D::NS; q++) {
            *vpre_bar += tilde[q] * upd[hx_d_ubase<D>(q) + 1];
        }
    }
    return gv;
}

/* Channel table t of one instance: its slopes (PHASE_SLOPE) or its backward terms (PHASE_BACK). */
template <typename T, typename M, typename D> HX_HD HX_NOINLINE void hx_channel_adj_table(const hx_actx<T> &c, int t, int phase) {
    const hx_run &r = c.r;
    const int count = r.ch_count[t];
    const int io = r.ch_inst_off[t];
    const int po = r.ch_param_off[t];
    const int so = r.ch_state_off[t];
    const T *P = (const T *)r.ch_param;
    for (int i = 0; i < count; i++) {
        const long long node = r.ch_node[io + i];
        T p[M::NP > 0 ? M::NP : 1];
        T x1[M::NS > 0 ? M::NS : 1];
        for (int q = 0; q < M::NP; q++) {
            p[q] = P[c.ix(po + (long long)q * count + i, HX_BATCHED_CH_PARAMS)];
        }
        for (int q = 0; q < M::NS; q++) {
            x1[q] = c.s1[c.ix(c.chs + so + (long long)q * count + i)];
        }
        const T vn = c.sn[c.ix(node)];
        if (phase == HX_ADJ_PHASE_SLOPE) {
            T slope;
            if (c.fd) {
                slope = (M::current(vn + c.delta, T(0.0), c.dt, p, x1) - M::current(vn, T(0.0), c.dt, p, x1)) / c.delta;
            } else {
                slope = M::slope(vn, T(0.0), c.dt, p, x1);
            }
            c.wa[c.ix(node)] += T(HX_CHANNEL_TO_UA) * slope;
            continue;
        }
        const T cc = -T(HX_CHANNEL_TO_UA) * c.mu[c.ix(node)];
        const long long xrow0 = c.a_x + so + i;
        const long long prow0 = c.a_chp + po + i;
        bool quiet = cc == T(0.0);
        for (int q = 0; q < M::NS && quiet; q++) {
            quiet = c.acc[c.ix(xrow0 + (long long)q * count)] == T(0.0);
        }
        if (quiet) {
            continue; /* nothing flows through this instance in this step */
        }
        const T dv = c.s1[c.ix(node)] - vn;
        T cur[D::NCUR];
        T sh[D::NCUR];
        D::cur(vn, T(0.0), c.dt, p, x1, cur);
        T S = cur[HX_D_S];
        if (c.fd) {
            D::cur(vn + c.delta, T(0.0), c.dt, p, x1, sh);
            S = (sh[HX_D_I] - cur[HX_D_I]) / c.delta;
        }
        for (int q = 0; q < M::NP; q++) {
            c.acc[c.ix(prow0 + (long long)q * count)] +=
                    cc * (cur[hx_d_didp<D>(q)] + c.ds(cur, sh, hx_d_didp<D>(q), hx_d_dsdp<D>(q)) * dv);
        }
        T tilde[M::NS > 0 ? M::NS : 1];
        for (int q = 0; q < M::NS; q++) {
            tilde[q] = c.acc[c.ix(xrow0 + (long long)q * count)]
                    + cc * (cur[hx_d_didx<D>(q)] + c.ds(cur, sh, hx_d_didx<D>(q), hx_d_dsdx<D>(q)) * dv);
        }
        T *vbar = c.acc + c.a_v * c.B;
        vbar[c.ix(node)] += cc * (cur[HX_D_DI_DV] - S + c.ds(cur, sh, HX_D_DI_DV, HX_D_DS_DV) * dv);
        /* The state updates were evaluated with v^n and the old states. */
        T xn[M::NS > 0 ? M::NS : 1];
        for (int q = 0; q < M::NS; q++) {
            xn[q] = c.sn[c.ix(c.chs + so + (long long)q * count + i)];
        }
        T upd[D::NUPD];
        D::upd(vn, T(0.0), c.dt, p, xn, upd);
        vbar[c.ix(node)] += hx_adj_propagate<T, D>(c, tilde, upd, c.a_x + so, c.a_chp + po, count, i, (T *)0);
    }
}

/* Synapse table t of one instance: as channels, with pre- and post-synaptic voltage and the post area. */
template <typename T, typename M, typename D> HX_HD HX_NOINLINE void hx_synapse_adj_table(const hx_actx<T> &c, int t, int phase) {
    const hx_run &r = c.r;
    const int count = r.sy_count[t];
    const int io = r.sy_inst_off[t];
    const int po = r.sy_param_off[t];
    const int so = r.sy_state_off[t];
    const T *P = (const T *)r.sy_param;
    const T *area = (const T *)r.area;
    for (int i = 0; i < count; i++) {
        const long long post = r.sy_post[io + i];
        const long long pre = r.sy_pre[io + i];
        T p[M::NP > 0 ? M::NP : 1];
        T x1[M::NS > 0 ? M::NS : 1];
        for (int q = 0; q < M::NP; q++) {
            p[q] = P[c.ix(po + (long long)q * count + i, HX_BATCHED_SY_PARAMS)];
        }
        for (int q = 0; q < M::NS; q++) {
            x1[q] = c.s1[c.ix(c.sys + so + (long long)q * count + i)];
        }
        const T vpost = c.sn[c.ix(post)];
        const T vpre = c.sn[c.ix(pre)];
        const T apost = area[c.ix(post, HX_BATCHED_GEOMETRY)];
        if (phase == HX_ADJ_PHASE_SLOPE) {
            const T toDensity = T(HX_POINT_TO_UA) / apost;
            T slope;
            if (c.fd) {
                const T i0 = M::current(vpost, vpre, c.dt, p, x1);
                slope = (M::current(vpost + c.delta, vpre + c.delta, c.dt, p, x1) * toDensity - i0 * toDensity) / c.delta;
            } else {
                slope = M::slope(vpost, vpre, c.dt, p, x1) * toDensity;
            }
            c.wa[c.ix(post)] += slope;
            continue;
        }
        const T conv = T(HX_POINT_TO_UA) / apost;
        const T m = c.mu[c.ix(post)];
        const T cc = -m * conv;
        const T dv = c.s1[c.ix(post)] - vpost;
        T cur[D::NCUR];
        T sh[D::NCUR];
        D::cur(vpost, vpre, c.dt, p, x1, cur);
        T S = cur[HX_D_S];
        if (c.fd) {
            D::cur(vpost + c.delta, vpre + c.delta, c.dt, p, x1, sh);
            S = (sh[HX_D_I] - cur[HX_D_I]) / c.delta;
        }
        const long long xrow0 = c.a_s + so + i;
        const long long prow0 = c.a_syp + po + i;
        for (int q = 0; q < M::NP; q++) {
            c.acc[c.ix(prow0 + (long long)q * count)] +=
                    cc * (cur[hx_d_didp<D>(q)] + c.ds(cur, sh, hx_d_didp<D>(q), hx_d_dsdp<D>(q)) * dv);
        }
        T tilde[M::NS > 0 ? M::NS : 1];
        for (int q = 0; q < M::NS; q++) {
            tilde[q] = c.acc[c.ix(xrow0 + (long long)q * count)]
                    + cc * (cur[hx_d_didx<D>(q)] + c.ds(cur, sh, hx_d_didx<D>(q), hx_d_dsdx<D>(q)) * dv);
        }
        T *vbar = c.acc + c.a_v * c.B;
        vbar[c.ix(post)] += cc * (cur[HX_D_DI_DV] - S + c.ds(cur, sh, HX_D_DI_DV, HX_D_DS_DV) * dv);
        T gpre = cc * (cur[HX_D_DI_DVPRE] + c.ds(cur, sh, HX_D_DI_DVPRE, HX_D_DS_DVPRE) * dv);
        const T linear = cur[HX_D_I] + S * dv; /* nA at v^{n+1} */
        c.acc[c.ix(c.a_area + post)] += m * conv * linear / apost;
        T xn[M::NS > 0 ? M::NS : 1];
        for (int q = 0; q < M::NS; q++) {
            xn[q] = c.sn[c.ix(c.sys + so + (long long)q * count + i)];
        }
        T upd[D::NUPD];
        D::upd(vpost, vpre, c.dt, p, xn, upd);
        vbar[c.ix(post)] += hx_adj_propagate<T, D>(c, tilde, upd, c.a_s + so, c.a_syp + po, count, i, &gpre);
        vbar[c.ix(pre)] += gpre;
    }
}

#endif /* HUXLEY_ADJOINT_MECH_CUH */
