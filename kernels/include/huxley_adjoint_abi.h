/*
 * huxley_adjoint_abi.h: the C ABI of the gradient kernels (docs/gpu.md "Gradients"). One hx_adj
 * describes one launch of B parameter sets: the forward run it differentiates (the embedded hx_run,
 * unchanged) plus what the discrete adjoint needs. Java mirrors it in org.huxley.cuda.AdjointLayout;
 * the same rules as hx_run hold (every field 8 bytes, real arrays by real_size, batch-innermost,
 * HX_ADJ_ABI_VERSION bumped on any change).
 *
 * Schedule (driven from Java, one launch per phase, one thread per set):
 *   HX_ADJ_FORWARD  the forward run of huxley_step.cuh, recording samples and keeping the state every
 *                   ckpt_every (K) steps and at the end in ckpt; zeroes the accumulators.
 *   (host)          the loss and dL/d(recording) from the downloaded samples, uploaded as rec_grad;
 *   HX_ADJ_LOSS     or, for the built-in mean squared error, both computed on the device (loss_value).
 *   HX_ADJ_SEGMENT  for segment = last .. 0: recompute the K steps of the segment from its checkpoint
 *                   into seg, then the backward steps of the segment (adjoint-derivation B1-B11),
 *                   accumulating into acc; cotangents persist in acc between launches.
 *   HX_ADJ_REDUCE   grad[p] = sum of grad_term_coef * acc[grad_term_row] over the terms of parameter p
 *                   (shared parameters sum their members; radius and length use coefficients of the
 *                   cylinder formulas); NaN for diverged sets.
 *
 * A stored state is S = state_size rows: v of every node, then ch_state rows, then sy_state rows.
 * Accumulator rows (acc, [row][set]), n = n_nodes:
 *   [0, n) capacitance   [n, 2n) area   [2n, 3n) axial resistivity   [3n, 4n) load in   [4n, 5n) load out
 *   then channel parameter rows (as ch_param), synapse parameter rows (as sy_param), and the cotangents
 *   of the current state: v (n rows), channel states, synapse states (after segment 0: of the initial state).
 */
#ifndef HUXLEY_ADJOINT_ABI_H
#define HUXLEY_ADJOINT_ABI_H

#include "huxley_abi.h"

#define HX_ADJ_ABI_VERSION 1

#define HX_ADJ_FORWARD 0
#define HX_ADJ_SEGMENT 1
#define HX_ADJ_REDUCE 2
#define HX_ADJ_LOSS 3

/* loss_kind */
#define HX_LOSS_HOST 0 /* rec_grad is uploaded by the host (any loss) */
#define HX_LOSS_MSE 1  /* HX_ADJ_LOSS: mean over recordings and every loss_stride-th sample of (x - target)^2 */

/* link_kind (org.huxley.plan.LinkKind ordinals) */
#define HX_LINK_COMP_TO_COMP 0
#define HX_LINK_BP_TO_PARENT_END 1
#define HX_LINK_BP_TO_CHILD_START 2

#ifdef __cplusplus
extern "C" {
#endif

typedef struct hx_adj {
    hx_run run;                  /* the forward run (its v, ch_state, sy_state, scratch are working memory) */
    long long adj_abi_version;   /* HX_ADJ_ABI_VERSION */
    long long n_links;
    long long ckpt_every;        /* K >= 1 */
    long long n_ckpt;            /* ceil(n_steps / K) + 1 checkpoint slots */
    long long segment;           /* HX_ADJ_SEGMENT: which segment (steps [segment*K, min((segment+1)*K, n_steps))) */
    long long state_size;        /* S */
    long long n_acc;             /* accumulator rows */
    long long n_params;          /* parameters of the layout */
    long long n_ch_param_rows;   /* rows of ch_param (the channel parameter accumulators) */
    long long n_sy_param_rows;   /* rows of sy_param */
    const int *link_a;           /* [link] node a */
    const int *link_b;           /* [link] node b */
    const int *link_kind;        /* [link] HX_LINK_* */
    const void *link_r;          /* real, [link] or [link][set] (HX_BATCHED_GEOMETRY): resistance R_e */
    const void *ra;              /* real, [node] or [node][set]: axial resistivity, ohm cm */
    const void *load_in;         /* real, [node] or [node][set]: resistive load of the proximal half, 1/um */
    const void *load_out;        /* real, [node] or [node][set]: of the distal half */
    const int *grad_term_off;    /* [param + 1] */
    const int *grad_term_row;    /* [term] accumulator row */
    const void *grad_term_coef;  /* real, [term] or [term][set] (HX_BATCHED_GEOMETRY) */
    const void *rec_grad;        /* real, [sample][recording][set]: dL/d(recorded sample) */
    void *ckpt;                  /* [slot][S][set] */
    void *seg;                   /* [K + 1][S][set]: the states of the segment being reversed */
    void *tmp;                   /* [S][set]: the unclamped solution of a step (models with clamps) */
    void *acc;                   /* [row][set] */
    void *work;                  /* [5][node][set]: a, eliminated diagonal, lambda, mu, nu */
    void *grad;                  /* [param][set] */
    long long loss_kind;         /* HX_LOSS_* */
    long long loss_stride;       /* HX_LOSS_MSE: every loss_stride-th sample */
    double loss_constant;        /* HX_LOSS_MSE: the target where loss_target is NULL */
    const void *loss_target;     /* real, [recording][sample], or NULL */
    void *loss_value;            /* real, [set] */
} hx_adj;

#ifdef __cplusplus
}
#endif
#endif /* HUXLEY_ADJOINT_ABI_H */
