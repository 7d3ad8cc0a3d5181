package org.huxley.cuda;

import org.huxley.HuxleyException;

/**
 * A CUDA driver or NVRTC call that returned an error: the call, its numeric result, CUDA's name
 * for it (e.g. {@code CUDA_ERROR_OUT_OF_MEMORY}, from {@code cuGetErrorName}) and its description
 * ({@code cuGetErrorString}, or the NVRTC compile log).
 */
public class CudaException extends HuxleyException {
    /** The failed call, e.g. {@code cuLaunchKernel}. */
    private final String call;
    /** The CUDA (or NVRTC) result code. */
    private final int code;
    /** The code's name, e.g. {@code CUDA_ERROR_OUT_OF_MEMORY}. */
    private final String name;
    /** What the code means, or the compile log. */
    private final String description;

    /**
     * An exception for a failed call, its result code, the code's name and description.
     *
     * @param call the failed call
     * @param code its result code
     * @param name the code's name
     * @param description what the code means, or the compile log
     */
    public CudaException(String call, int code, String name, String description) {
        super(call + " failed: " + name + " (" + code + "): " + description);
        this.call = call;
        this.code = code;
        this.name = name;
        this.description = description;
    }

    /**
     * The failing call, e.g. {@code cuMemAlloc_v2}.
     *
     * @return the failed call
     */
    public String call() {
        return call;
    }

    /** {@return the numeric CUresult / nvrtcResult} */
    public int code() {
        return code;
    }

    /**
     * CUDA's name of the error.
     *
     * @return the code's name
     */
    public String name() {
        return name;
    }

    /**
     * CUDA's description of the error, or the compiler log.
     *
     * @return what the code means, or the compile log
     */
    public String description() {
        return description;
    }
}
