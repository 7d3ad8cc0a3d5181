package org.huxley.cuda;

import org.huxley.HuxleyException;

/** The CUDA engine cannot run here; the message says why (no libcuda, no device, no kernels …). */
public class CudaUnavailableException extends HuxleyException {
    /**
     * An exception saying why CUDA cannot be used.
     *
     * @param reason why CUDA cannot be used
     */
    public CudaUnavailableException(String reason) {
        super(reason);
    }

    /**
     * An exception saying why CUDA cannot be used, with the underlying cause.
     *
     * @param reason why CUDA cannot be used
     * @param cause the underlying exception
     */
    public CudaUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
