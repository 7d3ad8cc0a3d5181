/*
 * huxley_entry.cuh: the entry points, included last by a generated source.
 *
 * Under nvcc / NVRTC: extern "C" __global__ hx_forward_f32 and hx_forward_f64, one thread per
 * instance (the time loop inside the kernel), and, in forward modules (huxley_coop.cuh included),
 * hx_forward_cpb_f32 / hx_forward_cpb_f64, one block per instance. Define HX_ONLY_F32 or HX_ONLY_F64 to emit one.
 * Under a host compiler: extern "C" hx_host_forward (both precisions, chosen by real_size),
 * hx_host_forward_cpb (the cell-per-block kernel's code),
 * hx_host_abi_version and hx_host_math (the special functions, for tests).
 */
#ifndef HUXLEY_ENTRY_CUH
#define HUXLEY_ENTRY_CUH

#include "huxley_step.cuh"

template <typename T> HX_HD HX_FI bool hx_abi_ok(const hx_run &r) {
    return r.abi_version == HX_ABI_VERSION && r.real_size == (long long)sizeof(T);
}

#if defined(__CUDACC__)

#ifndef HX_BLOCK_SIZE
#define HX_BLOCK_SIZE 128
#endif

template <typename T> __device__ HX_FI void hx_forward_thread(const hx_run &r) {
    const long long b = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (!hx_abi_ok<T>(r)) {
        if (b == 0) {
            *r.status = HX_STATUS_ABI_MISMATCH;
        }
        return;
    }
    if (b < r.n_sets) {
        hx_forward_instance<T>(r, b);
    }
}

#if defined(HUXLEY_COOP_CUH)
/* The cell-per-block kernels (huxley_coop.cuh): grid = instances, block = HX_CPB_BLOCK threads at most,
 * dynamic shared memory hx_coop_bytes(n_nodes, real_size). */
#ifndef HX_CPB_BLOCK
#define HX_CPB_BLOCK 256
#endif
template <typename T> __device__ HX_FI void hx_forward_block(const hx_run &r) {
    extern __shared__ __align__(16) unsigned char hx_block_mem[];
    if (!hx_abi_ok<T>(r)) {
        if (blockIdx.x == 0 && threadIdx.x == 0) {
            *r.status = HX_STATUS_ABI_MISMATCH;
        }
        return;
    }
    if ((long long)blockIdx.x < r.n_sets) {
        hx_coop_instance<T>(r, (long long)blockIdx.x, hx_block_mem);
    }
}
#if !defined(HX_ONLY_F64)
extern "C" __global__ void __launch_bounds__(HX_CPB_BLOCK) hx_forward_cpb_f32(const hx_run r) {
    hx_forward_block<float>(r);
}
#endif
#if !defined(HX_ONLY_F32)
extern "C" __global__ void __launch_bounds__(HX_CPB_BLOCK) hx_forward_cpb_f64(const hx_run r) {
    hx_forward_block<double>(r);
}
#endif
#endif

#if !defined(HX_ONLY_F64)
extern "C" __global__ void __launch_bounds__(HX_BLOCK_SIZE) hx_forward_f32(const hx_run r) {
    hx_forward_thread<float>(r);
}
#endif
#if !defined(HX_ONLY_F32)
extern "C" __global__ void __launch_bounds__(HX_BLOCK_SIZE) hx_forward_f64(const hx_run r) {
    hx_forward_thread<double>(r);
}
#endif

#else /* host build */

#include <cstddef>
#include <cstring>

#define HX_EXPORT extern "C" __attribute__((visibility("default")))

HX_EXPORT long long hx_host_abi_version(void) { return HX_ABI_VERSION; }

HX_EXPORT long long hx_host_struct_size(void) { return (long long)sizeof(hx_run); }

/* Byte offset of a field of hx_run as this compiler lays it out, or -1 (checked against Java's mirror). */
HX_EXPORT long long hx_host_field_offset(const char *name) {
#define HX_FIELD(f) if (std::strcmp(name, #f) == 0) return (long long)offsetof(hx_run, f);
    HX_FIELD(abi_version) HX_FIELD(real_size) HX_FIELD(n_sets) HX_FIELD(n_nodes) HX_FIELD(n_steps)
    HX_FIELD(record_every) HX_FIELD(n_samples) HX_FIELD(n_recordings) HX_FIELD(n_ch_tables)
    HX_FIELD(n_ch_instances) HX_FIELD(n_ch_state_rows) HX_FIELD(n_sy_tables) HX_FIELD(n_sy_instances)
    HX_FIELD(n_sy_state_rows) HX_FIELD(n_stimuli) HX_FIELD(n_clamps) HX_FIELD(batched_flags)
    HX_FIELD(slope_mode) HX_FIELD(dt) HX_FIELD(fd_delta) HX_FIELD(order) HX_FIELD(parent)
    HX_FIELD(is_branch_point) HX_FIELD(lower) HX_FIELD(upper) HX_FIELD(diag0) HX_FIELD(area) HX_FIELD(cm)
    HX_FIELD(v0) HX_FIELD(ch_mech) HX_FIELD(ch_count) HX_FIELD(ch_inst_off) HX_FIELD(ch_param_off)
    HX_FIELD(ch_state_off) HX_FIELD(ch_node) HX_FIELD(ch_param) HX_FIELD(ch_state0) HX_FIELD(sy_mech)
    HX_FIELD(sy_count) HX_FIELD(sy_inst_off) HX_FIELD(sy_param_off) HX_FIELD(sy_state_off) HX_FIELD(sy_pre)
    HX_FIELD(sy_post) HX_FIELD(sy_param) HX_FIELD(sy_state0) HX_FIELD(stim_node) HX_FIELD(stim)
    HX_FIELD(clamp_node) HX_FIELD(clamp) HX_FIELD(rec_term_off) HX_FIELD(rec_term_kind)
    HX_FIELD(rec_term_index) HX_FIELD(v) HX_FIELD(ch_state) HX_FIELD(ch_current) HX_FIELD(sy_state)
    HX_FIELD(sy_current) HX_FIELD(scratch) HX_FIELD(out) HX_FIELD(diverged_at) HX_FIELD(status)
#undef HX_FIELD
    return -1;
}

/* Runs every instance of the launch on the calling thread; returns HX_STATUS_*. */
HX_EXPORT int hx_host_forward(const hx_run *r) {
    if (r->real_size == 8 && hx_abi_ok<double>(*r)) {
        for (long long b = 0; b < r->n_sets; b++) {
            hx_forward_instance<double>(*r, b);
        }
    } else if (r->real_size == 4 && hx_abi_ok<float>(*r)) {
        for (long long b = 0; b < r->n_sets; b++) {
            hx_forward_instance<float>(*r, b);
        }
    } else {
        return HX_STATUS_ABI_MISMATCH;
    }
    return *r->status;
}

#if defined(HUXLEY_COOP_CUH)
#include <vector>
/* The cell-per-block kernel on the host: each instance with its own block memory, the items of every
 * phase in reverse order (hx_par); returns HX_STATUS_*. */
HX_EXPORT int hx_host_forward_cpb(const hx_run *r) {
    const bool f64 = r->real_size == 8 && hx_abi_ok<double>(*r);
    if (!f64 && !(r->real_size == 4 && hx_abi_ok<float>(*r))) {
        return HX_STATUS_ABI_MISMATCH;
    }
    std::vector<double> mem((size_t)(hx_coop_bytes(r->n_nodes, r->real_size) / 8 + 1));
    for (long long b = 0; b < r->n_sets; b++) {
        if (f64) {
            hx_coop_instance<double>(*r, b, (unsigned char *)mem.data());
        } else {
            hx_coop_instance<float>(*r, b, (unsigned char *)mem.data());
        }
    }
    return *r->status;
}
#endif

/* y[i] = f(x[i]) for f = 0 save_exp, 1 save_exp_slope, 2 efun, 3 efun_slope, 4 efun_curvature
 * (double), 10..14 the same in float. Returns 0, or -1 for an unknown f. */
HX_EXPORT int hx_host_math(int f, const double *x, double *y, long long n) {
    for (long long i = 0; i < n; i++) {
        const double d = x[i];
        const float s = (float)d;
        switch (f) {
        case 0: y[i] = hx_save_exp(d); break;
        case 1: y[i] = hx_save_exp_slope(d); break;
        case 2: y[i] = hx_efun(d); break;
        case 3: y[i] = hx_efun_slope(d); break;
        case 4: y[i] = hx_efun_curvature(d); break;
        case 10: y[i] = hx_save_exp(s); break;
        case 11: y[i] = hx_save_exp_slope(s); break;
        case 12: y[i] = hx_efun(s); break;
        case 13: y[i] = hx_efun_slope(s); break;
        case 14: y[i] = hx_efun_curvature(s); break;
        default: return -1;
        }
    }
    return 0;
}

#endif
#endif /* HUXLEY_ENTRY_CUH */
