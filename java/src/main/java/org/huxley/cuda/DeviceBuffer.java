package org.huxley.cuda;

import java.lang.foreign.MemorySegment;
import java.util.Collection;

/** Device memory owned by this handle (freed by {@link #close()}), tied to its context. */
public final class DeviceBuffer implements AutoCloseable {
    private final CudaContext context;
    private final long bytes;
    private long pointer;

    DeviceBuffer(CudaContext context, long pointer, long bytes) {
        this.context = context;
        this.pointer = pointer;
        this.bytes = bytes;
    }

    /** {@return the device address ({@code CUdeviceptr})} */
    public long address() {
        if (pointer == 0) {
            throw new IllegalStateException("device buffer already freed");
        }
        return pointer;
    }

    /** {@return size, bytes} */
    public long bytes() {
        return bytes;
    }

    /**
     * Copies {@code src} (at most this buffer's size) to the start of this buffer.
     *
     * @param src host memory, at most {@link #bytes()} bytes
     */
    public void upload(MemorySegment src) {
        long n = Math.min(bytes, src.byteSize());
        context.makeCurrent();
        context.driver().memcpyHtoD(address(), src, n);
    }

    /**
     * Copies this buffer (at most {@code dst}'s size) into {@code dst}.
     *
     * @param dst host memory, at most {@link #bytes()} bytes
     */
    public void download(MemorySegment dst) {
        long n = Math.min(bytes, dst.byteSize());
        context.makeCurrent();
        context.driver().memcpyDtoH(dst, address(), n);
    }

    @Override
    public void close() {
        if (pointer != 0) {
            long p = pointer;
            pointer = 0;
            context.makeCurrent();
            context.driver().memFree(p);
        }
    }

    /**
     * Frees every buffer and clears the collection; a failure to free one does not keep the others
     * allocated (the first failure is rethrown at the end).
     */
    static void closeAll(Collection<DeviceBuffer> buffers) {
        RuntimeException first = null;
        for (DeviceBuffer b : buffers) {
            try {
                b.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        buffers.clear();
        if (first != null) {
            throw first;
        }
    }
}
