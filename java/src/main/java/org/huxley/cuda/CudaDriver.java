package org.huxley.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;

/**
 * Typed FFM bindings to the CUDA driver API ({@code libcuda.so.1}), loaded lazily on the first
 * {@link #get()}. Every call is checked: a non-zero {@code CUresult} becomes a
 * {@link CudaException} with CUDA's error name and description. Handles ({@code CUcontext},
 * {@code CUmodule}, …) are {@link MemorySegment} addresses, device pointers {@code long}s; the
 * owning wrappers ({@link CudaContext}, {@link DeviceBuffer}, {@link CudaModule}) are AutoCloseable.
 * Symbols as CUDA 13 resolves them (shared/docs/gpu-device-notes.md); the primary context is used
 * because {@code cuCtxCreate} became a {@code _v4} variant with a parameter struct.
 */
public final class CudaDriver {
    static final String LIB = "libcuda.so.1";
    /** CU_DEVICE_ATTRIBUTE_* values used here. */
    static final int ATTR_MULTIPROCESSOR_COUNT = 16;
    static final int ATTR_CC_MAJOR = 75;
    static final int ATTR_CC_MINOR = 76;
    /** CU_FUNC_ATTRIBUTE_* values used here. */
    static final int FUNC_NUM_REGS = 4;
    static final int FUNC_LOCAL_SIZE_BYTES = 3;

    private static final Object LOCK = new Object();
    private static volatile CudaDriver instance;
    private static volatile CudaUnavailableException failure;

    private final MethodHandle cuInit;
    private final MethodHandle cuDriverGetVersion;
    private final MethodHandle cuDeviceGetCount;
    private final MethodHandle cuDeviceGet;
    private final MethodHandle cuDeviceGetName;
    private final MethodHandle cuDeviceTotalMem;
    private final MethodHandle cuDeviceGetAttribute;
    private final MethodHandle cuDevicePrimaryCtxRetain;
    private final MethodHandle cuDevicePrimaryCtxRelease;
    private final MethodHandle cuCtxSetCurrent;
    private final MethodHandle cuCtxSynchronize;
    private final MethodHandle cuModuleLoadData;
    private final MethodHandle cuModuleUnload;
    private final MethodHandle cuModuleGetFunction;
    private final MethodHandle cuFuncGetAttribute;
    private final MethodHandle cuMemAlloc;
    private final MethodHandle cuMemFree;
    private final MethodHandle cuMemGetInfo;
    private final MethodHandle cuMemcpyHtoD;
    private final MethodHandle cuMemcpyDtoH;
    private final MethodHandle cuLaunchKernel;
    private final MethodHandle cuEventCreate;
    private final MethodHandle cuEventRecord;
    private final MethodHandle cuEventSynchronize;
    private final MethodHandle cuEventElapsedTime;
    private final MethodHandle cuEventDestroy;
    private final MethodHandle cuGetErrorName;
    private final MethodHandle cuGetErrorString;

    private CudaDriver(SymbolLookup lib) {
        FunctionDescriptor iI = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
        FunctionDescriptor iP = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        FunctionDescriptor iPI = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
        FunctionDescriptor iPP = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS);
        cuGetErrorName = NativeLibs.fn(lib, LIB, "cuGetErrorName", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        cuGetErrorString = NativeLibs.fn(lib, LIB, "cuGetErrorString", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        cuInit = NativeLibs.fn(lib, LIB, "cuInit", iI);
        cuDriverGetVersion = NativeLibs.fn(lib, LIB, "cuDriverGetVersion", iP);
        cuDeviceGetCount = NativeLibs.fn(lib, LIB, "cuDeviceGetCount", iP);
        cuDeviceGet = NativeLibs.fn(lib, LIB, "cuDeviceGet", iPI);
        cuDeviceGetName = NativeLibs.fn(lib, LIB, "cuDeviceGetName", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        cuDeviceTotalMem = NativeLibs.fn(lib, LIB, "cuDeviceTotalMem_v2", iPI);
        cuDeviceGetAttribute = NativeLibs.fn(lib, LIB, "cuDeviceGetAttribute",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        cuDevicePrimaryCtxRetain = NativeLibs.fn(lib, LIB, "cuDevicePrimaryCtxRetain", iPI);
        cuDevicePrimaryCtxRelease = NativeLibs.fn(lib, LIB, "cuDevicePrimaryCtxRelease_v2", iI);
        cuCtxSetCurrent = NativeLibs.fn(lib, LIB, "cuCtxSetCurrent", iP);
        cuCtxSynchronize = NativeLibs.fn(lib, LIB, "cuCtxSynchronize", FunctionDescriptor.of(JAVA_INT));
        cuModuleLoadData = NativeLibs.fn(lib, LIB, "cuModuleLoadData", iPP);
        cuModuleUnload = NativeLibs.fn(lib, LIB, "cuModuleUnload", iP);
        cuModuleGetFunction = NativeLibs.fn(lib, LIB, "cuModuleGetFunction",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        cuFuncGetAttribute = NativeLibs.fn(lib, LIB, "cuFuncGetAttribute",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        cuMemAlloc = NativeLibs.fn(lib, LIB, "cuMemAlloc_v2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        cuMemFree = NativeLibs.fn(lib, LIB, "cuMemFree_v2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
        cuMemGetInfo = NativeLibs.fn(lib, LIB, "cuMemGetInfo_v2", iPP);
        cuMemcpyHtoD = NativeLibs.fn(lib, LIB, "cuMemcpyHtoD_v2",
                FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG));
        cuMemcpyDtoH = NativeLibs.fn(lib, LIB, "cuMemcpyDtoH_v2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
        cuLaunchKernel = NativeLibs.fn(lib, LIB, "cuLaunchKernel", FunctionDescriptor.of(JAVA_INT, ADDRESS,
                JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        cuEventCreate = NativeLibs.fn(lib, LIB, "cuEventCreate", iPI);
        cuEventRecord = NativeLibs.fn(lib, LIB, "cuEventRecord", iPP);
        cuEventSynchronize = NativeLibs.fn(lib, LIB, "cuEventSynchronize", iP);
        cuEventElapsedTime = NativeLibs.fnAny(lib, LIB, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS),
                "cuEventElapsedTime_v2", "cuEventElapsedTime");
        cuEventDestroy = NativeLibs.fnAny(lib, LIB, iP, "cuEventDestroy_v2", "cuEventDestroy");
    }

    /**
     * The driver bindings, initialised ({@code cuInit(0)}) on first use.
     *
     * @return the driver
     * @throws CudaUnavailableException why the driver cannot be used (the same reason every time)
     */
    public static CudaDriver get() {
        CudaDriver d = instance;
        if (d != null) {
            return d;
        }
        synchronized (LOCK) {
            if (instance != null) {
                return instance;
            }
            if (failure != null) {
                throw failure;
            }
            try {
                NativeLibs.nativeAccessProblem().ifPresent(p -> {
                    throw new CudaUnavailableException(p);
                });
                SymbolLookup lib = NativeLibs.load(LIB + " (the NVIDIA driver)", "huxley.cuda.driver",
                        List.of(LIB), List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib64"),
                                Path.of("/usr/local/cuda/compat")));
                CudaDriver drv = new CudaDriver(lib);
                try {
                    drv.check("cuInit", (int) drv.cuInit.invokeExact(0));
                } catch (CudaException e) {
                    throw new CudaUnavailableException("the CUDA driver did not initialise: " + e.name() + " ("
                            + e.description() + ")", e);
                }
                instance = drv;
                return drv;
            } catch (CudaUnavailableException e) {
                failure = e;
                throw e;
            } catch (Throwable t) {
                failure = new CudaUnavailableException("the CUDA driver could not be bound: " + t, t);
                throw failure;
            }
        }
    }

    /**
     * Binds and initialises a driver library at an explicit path, independent of {@link #get()}
     * (tests use a CPU stand-in of libcuda to exercise the engine's device path without a GPU).
     */
    static CudaDriver load(java.nio.file.Path library) {
        try {
            CudaDriver drv = new CudaDriver(SymbolLookup.libraryLookup(library, Arena.global()));
            drv.check("cuInit", (int) drv.cuInit.invokeExact(0));
            return drv;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /** {@return why {@link #get()} fails, or null when the driver is usable} */
    public static String unavailableReason() {
        try {
            get();
            return null;
        } catch (CudaUnavailableException e) {
            return e.getMessage();
        }
    }

    /** Throws a {@link CudaException} for a non-zero result. */
    void check(String call, int rc) {
        if (rc != 0) {
            throw new CudaException(call, rc, errorText(cuGetErrorName, rc, "CUDA_ERROR_" + rc),
                    errorText(cuGetErrorString, rc, "unknown error"));
        }
    }

    private static String errorText(MethodHandle h, int rc, String fallback) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            int r = (int) h.invokeExact(rc, out);
            return r == 0 ? NativeLibs.string(out.get(ADDRESS, 0)) : fallback;
        } catch (Throwable t) {
            return fallback;
        }
    }

    // ---- typed, checked calls ----

    /** {@return driver version as 1000·major + 10·minor (13000 = CUDA 13.0)} */
    public int driverVersion() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("cuDriverGetVersion", (int) cuDriverGetVersion.invokeExact(out));
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /** {@return number of CUDA devices} */
    public int deviceCount() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("cuDeviceGetCount", (int) cuDeviceGetCount.invokeExact(out));
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /**
     * {@return the CUdevice handle of an ordinal}
     *
     * @param ordinal the device ordinal
     */
    public int device(int ordinal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("cuDeviceGet", (int) cuDeviceGet.invokeExact(out, ordinal));
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /**
     * {@return the name of a device}
     *
     * @param device the CUdevice handle
     */
    public String deviceName(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(256);
            check("cuDeviceGetName", (int) cuDeviceGetName.invokeExact(out, 256, device));
            return out.getString(0);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /**
     * {@return memory of a device, bytes}
     *
     * @param device the CUdevice handle
     */
    public long deviceTotalMemory(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check("cuDeviceTotalMem_v2", (int) cuDeviceTotalMem.invokeExact(out, device));
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /**
     * {@return a device attribute ({@code CUdevice_attribute} value)}
     *
     * @param device the CUdevice handle
     * @param attribute the attribute's number
     */
    public int deviceAttribute(int device, int attribute) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("cuDeviceGetAttribute", (int) cuDeviceGetAttribute.invokeExact(out, attribute, device));
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    MemorySegment primaryContextRetain(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cuDevicePrimaryCtxRetain", (int) cuDevicePrimaryCtxRetain.invokeExact(out, device));
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    void primaryContextRelease(int device) {
        try {
            check("cuDevicePrimaryCtxRelease_v2", (int) cuDevicePrimaryCtxRelease.invokeExact(device));
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    void contextSetCurrent(MemorySegment ctx) {
        try {
            check("cuCtxSetCurrent", (int) cuCtxSetCurrent.invokeExact(ctx));
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    void contextSynchronize() {
        try {
            check("cuCtxSynchronize", (int) cuCtxSynchronize.invokeExact());
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /** Loads a cubin, fatbin or NUL-terminated PTX image. */
    MemorySegment moduleLoadData(byte[] image) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment img = a.allocate(image.length + 1L, 16);
            MemorySegment.copy(image, 0, img, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, image.length);
            MemorySegment out = a.allocate(ADDRESS);
            check("cuModuleLoadData", (int) cuModuleLoadData.invokeExact(out, img));
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    void moduleUnload(MemorySegment module) {
        try {
            check("cuModuleUnload", (int) cuModuleUnload.invokeExact(module));
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    MemorySegment moduleGetFunction(MemorySegment module, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cuModuleGetFunction(" + name + ")",
                    (int) cuModuleGetFunction.invokeExact(out, module, a.allocateFrom(name)));
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    int functionAttribute(MemorySegment function, int attribute) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check("cuFuncGetAttribute", (int) cuFuncGetAttribute.invokeExact(out, attribute, function));
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    long memAlloc(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check("cuMemAlloc_v2(" + bytes + " bytes)", (int) cuMemAlloc.invokeExact(out, bytes));
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    void memFree(long ptr) {
        try {
            check("cuMemFree_v2", (int) cuMemFree.invokeExact(ptr));
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /** {free, total} device memory of the current context, bytes. */
    long[] memInfo() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment free = a.allocate(JAVA_LONG);
            MemorySegment total = a.allocate(JAVA_LONG);
            check("cuMemGetInfo_v2", (int) cuMemGetInfo.invokeExact(free, total));
            return new long[] {free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)};
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    void memcpyHtoD(long dst, MemorySegment src, long bytes) {
        try {
            check("cuMemcpyHtoD_v2", (int) cuMemcpyHtoD.invokeExact(dst, src, bytes));
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    void memcpyDtoH(MemorySegment dst, long src, long bytes) {
        try {
            check("cuMemcpyDtoH_v2", (int) cuMemcpyDtoH.invokeExact(dst, src, bytes));
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /** Launches on the default stream; {@code params} is a {@code void*[]} of argument addresses. */
    void launchKernel(MemorySegment function, int gridX, int blockX, int sharedBytes, MemorySegment params) {
        try {
            check("cuLaunchKernel", (int) cuLaunchKernel.invokeExact(function, gridX, 1, 1, blockX, 1, 1, sharedBytes,
                    MemorySegment.NULL, params, MemorySegment.NULL));
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    MemorySegment eventCreate() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check("cuEventCreate", (int) cuEventCreate.invokeExact(out, 0));
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    void eventRecord(MemorySegment event) {
        try {
            check("cuEventRecord", (int) cuEventRecord.invokeExact(event, MemorySegment.NULL));
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    void eventSynchronize(MemorySegment event) {
        try {
            check("cuEventSynchronize", (int) cuEventSynchronize.invokeExact(event));
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    float eventElapsedMs(MemorySegment start, MemorySegment end) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_FLOAT);
            check("cuEventElapsedTime", (int) cuEventElapsedTime.invokeExact(out, start, end));
            return out.get(JAVA_FLOAT, 0);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    void eventDestroy(MemorySegment event) {
        try {
            check("cuEventDestroy", (int) cuEventDestroy.invokeExact(event));
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }
}
