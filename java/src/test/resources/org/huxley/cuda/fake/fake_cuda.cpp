// A CPU stand-in for libcuda.so.1, for tests only (FakeDriverTest): the driver calls the CUDA engine
// makes, with host memory as "device" memory and a launch that runs hx_host_forward of a host library
// built from the built-in module (HX_HOSTLIB, given at compile time). It checks what a real launch
// needs: the kernel name's precision matches hx_run.real_size, grid * block covers n_sets, one
// by-value argument. Free memory is reported as HX_FAKE_FREE bytes. The gradient kernels (hx_adj_*) run
// hx_host_adjoint of the same library with their phase (function handle = real size + 16 * (phase + 1));
// the cell-per-block kernels (hx_forward_cpb_*) run hx_host_forward_cpb after checking grid, block and
// shared memory bytes (handle = real size + 16 * 5).
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <dlfcn.h>

typedef int CUresult;
static int (*fwd)(const void *) = nullptr;
static int (*adj)(const void *, int) = nullptr;
static int (*cpb)(const void *) = nullptr;
static const unsigned long long kTotal = 8ULL << 30;

extern "C" {
CUresult cuInit(unsigned) {
    void *h = dlopen(HX_HOSTLIB, RTLD_NOW | RTLD_LOCAL);
    if (!h) return 999;
    fwd = (int (*)(const void *))dlsym(h, "hx_host_forward");
    adj = (int (*)(const void *, int))dlsym(h, "hx_host_adjoint");
    cpb = (int (*)(const void *))dlsym(h, "hx_host_forward_cpb");
    return fwd ? 0 : 999;
}
CUresult cuDriverGetVersion(int *v) { *v = 13000; return 0; }
CUresult cuDeviceGetCount(int *n) { *n = 1; return 0; }
CUresult cuDeviceGet(int *d, int o) { *d = o; return o == 0 ? 0 : 101; }
CUresult cuDeviceGetName(char *n, int len, int) { std::strncpy(n, "Fake CPU device", len); return 0; }
CUresult cuDeviceTotalMem_v2(unsigned long long *b, int) { *b = kTotal; return 0; }
CUresult cuDeviceGetAttribute(int *v, int a, int) { *v = a == 75 ? 9 : a == 76 ? 0 : a == 16 ? 4 : 0; return 0; }
CUresult cuDevicePrimaryCtxRetain(void **c, int) { *c = (void *)0x10; return 0; }
CUresult cuDevicePrimaryCtxRelease_v2(int) { return 0; }
CUresult cuCtxSetCurrent(void *c) { return c == (void *)0x10 ? 0 : 201; }
CUresult cuCtxSynchronize() { return 0; }
CUresult cuModuleLoadData(void **m, const void *img) { *m = (void *)0x20; return img ? 0 : 1; }
CUresult cuModuleUnload(void *) { return 0; }
CUresult cuModuleGetFunction(void **f, void *, const char *name) {
    static const char *names[] = {"hx_forward_f", "hx_adj_forward_f", "hx_adj_segment_f", "hx_adj_reduce_f",
                                  "hx_adj_loss_f", "hx_forward_cpb_f"};
    *f = nullptr;
    for (int k = 0; k < 6; k++) {
        size_t len = std::strlen(names[k]);
        if (std::strncmp(name, names[k], len) == 0) {
            const char *bits = name + len;
            long long size = std::strcmp(bits, "64") == 0 ? 8 : std::strcmp(bits, "32") == 0 ? 4 : 0;
            if (size && (k == 0 || (k == 5 ? cpb != nullptr : adj != nullptr))) *f = (void *)(size + 16LL * k);
        }
    }
    return *f ? 0 : 500;
}
CUresult cuFuncGetAttribute(int *v, int, void *) { *v = 40; return 0; }
CUresult cuMemAlloc_v2(unsigned long long *p, unsigned long long n) {
    if (n > kTotal) return 2;
    void *q = std::malloc(n);
    if (!q) return 2;
    std::memset(q, 0xA5, n);  // garbage, like fresh device memory
    *p = (unsigned long long)q;
    return 0;
}
CUresult cuMemFree_v2(unsigned long long p) { std::free((void *)p); return 0; }
CUresult cuMemGetInfo_v2(unsigned long long *f, unsigned long long *t) {
    const char *e = std::getenv("HX_FAKE_FREE");
    *f = e ? std::strtoull(e, nullptr, 10) : (4ULL << 30);
    *t = kTotal;
    return 0;
}
CUresult cuMemcpyHtoD_v2(unsigned long long d, const void *s, unsigned long long n) { std::memcpy((void *)d, s, n); return 0; }
CUresult cuMemcpyDtoH_v2(void *d, unsigned long long s, unsigned long long n) { std::memcpy(d, (void *)s, n); return 0; }
CUresult cuLaunchKernel(void *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned shared, void *, void **params, void **extra) {
    if (!params || extra || gy != 1 || gz != 1 || by != 1 || bz != 1) return 1;
    const long long *run = (const long long *)params[0];
    if ((long long)gx * bx < run[2]) return 1;         // n_sets
    const long long id = (long long)(size_t)f;
    if (run[1] != id % 16) return 1;                   // real_size vs the kernel's precision
    if (id / 16 == 5) {                                // cell-per-block: one block per set, its node arrays in shared memory
        const long long n = run[3], rs = run[1];
        if ((long long)gx != run[2] || bx > 256 || (long long)shared != 4 * n * rs + (5 * n + 7) * 4) return 1;
        return cpb(run) == 0 ? 0 : 719;
    }
    const int phase = (int)(id / 16) - 1;              // -1: forward, else HX_ADJ_* (hx_adj starts with hx_run)
    return (phase < 0 ? fwd(run) : adj(run, phase)) == 0 ? 0 : 719; // CUDA_ERROR_LAUNCH_FAILED
}
CUresult cuEventCreate(void **e, unsigned) { *e = std::calloc(1, sizeof(timespec)); return 0; }
CUresult cuEventRecord(void *e, void *) { clock_gettime(CLOCK_MONOTONIC, (timespec *)e); return 0; }
CUresult cuEventSynchronize(void *) { return 0; }
CUresult cuEventElapsedTime(float *ms, void *a, void *b) {
    const timespec *x = (const timespec *)a, *y = (const timespec *)b;
    *ms = (float)((y->tv_sec - x->tv_sec) * 1e3 + (y->tv_nsec - x->tv_nsec) / 1e6);
    return 0;
}
CUresult cuEventDestroy_v2(void *e) { std::free(e); return 0; }
CUresult cuGetErrorName(int c, const char **s) {
    *s = c == 2 ? "CUDA_ERROR_OUT_OF_MEMORY" : c == 500 ? "CUDA_ERROR_NOT_FOUND" : c == 719 ? "CUDA_ERROR_LAUNCH_FAILED"
                                                                                       : "CUDA_ERROR_INVALID_VALUE";
    return 0;
}
CUresult cuGetErrorString(int, const char **s) { *s = "fake driver error"; return 0; }
}
