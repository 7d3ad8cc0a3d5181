package org.huxley.cuda;

import org.huxley.HuxleyException;

/** The CUDA engine cannot run here; the message says why (no libcuda, no device, no kernels …). */
public class CudaUnavailableException extends HuxleyException {
    public CudaUnavailableException(String reason) {
        super(reason);
    }

    public CudaUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
