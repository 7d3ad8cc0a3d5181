package org.huxley.cuda;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The primary context of one device, retained while this object is open. Every method makes the
 * context current on the calling thread first, so an engine can be used from any thread.
 */
public final class CudaContext implements AutoCloseable {
    private final CudaDriver driver;
    private final int device;
    private final int ordinal;
    private final MemorySegment context;
    private final String name;
    private final int ccMajor;
    private final int ccMinor;
    private final int multiprocessors;
    private final long totalMemory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private CudaContext(CudaDriver driver, int ordinal) {
        this.driver = driver;
        this.ordinal = ordinal;
        this.device = driver.device(ordinal);
        this.name = driver.deviceName(device);
        this.ccMajor = driver.deviceAttribute(device, CudaDriver.ATTR_CC_MAJOR);
        this.ccMinor = driver.deviceAttribute(device, CudaDriver.ATTR_CC_MINOR);
        this.multiprocessors = driver.deviceAttribute(device, CudaDriver.ATTR_MULTIPROCESSOR_COUNT);
        this.totalMemory = driver.deviceTotalMemory(device);
        this.context = driver.primaryContextRetain(device);
        driver.contextSetCurrent(context);
    }

    /**
     * Opens device {@code ordinal}.
     *
     * @param ordinal the device ordinal
     * @return the context
     * @throws CudaUnavailableException if the driver is unusable or there is no such device
     */
    public static CudaContext open(int ordinal) {
        return open(CudaDriver.get(), ordinal);
    }

    static CudaContext open(CudaDriver d, int ordinal) {
        int n = d.deviceCount();
        if (n == 0) {
            throw new CudaUnavailableException("the CUDA driver reports no device");
        }
        if (ordinal < 0 || ordinal >= n) {
            throw new CudaUnavailableException("no CUDA device " + ordinal + " (the driver reports " + n + ")");
        }
        return new CudaContext(d, ordinal);
    }

    CudaDriver driver() {
        return driver;
    }

    /** Makes this context current on the calling thread. */
    public void makeCurrent() {
        requireOpen();
        driver.contextSetCurrent(context);
    }

    /** {@return the device name as the driver reports it} */
    public String deviceName() {
        return name;
    }

    /** {@return the device ordinal} */
    public int ordinal() {
        return ordinal;
    }

    /**
     * Compute capability as 10·major + minor (90 = sm_90).
     *
     * @return e.g. 90 for 9.0
     */
    public int computeCapability() {
        return 10 * ccMajor + ccMinor;
    }

    /** {@return number of streaming multiprocessors} */
    public int multiprocessors() {
        return multiprocessors;
    }

    /** {@return device memory, bytes} */
    public long totalMemory() {
        return totalMemory;
    }

    /** {@return free device memory now, bytes} */
    public long freeMemory() {
        makeCurrent();
        return driver.memInfo()[0];
    }

    /**
     * The driver version, e.g. 12040 for 12.4.
     *
     * @return the version
     */
    public int driverVersion() {
        return driver.driverVersion();
    }

    /**
     * Allocates device memory owned by the returned handle.
     *
     * @param bytes the size
     * @return the buffer
     */
    public DeviceBuffer allocate(long bytes) {
        makeCurrent();
        return new DeviceBuffer(this, driver.memAlloc(Math.max(1, bytes)), bytes);
    }

    /**
     * Loads a cubin, fatbin or PTX image.
     *
     * @param image a fatbin, cubin or PTX
     * @param description what it is, for messages
     * @return the module
     */
    public CudaModule loadModule(byte[] image, String description) {
        makeCurrent();
        return new CudaModule(this, driver.moduleLoadData(image), description);
    }

    /** Waits for all work of this context; errors of earlier launches surface here. */
    public void synchronize() {
        makeCurrent();
        driver.contextSynchronize();
    }

    void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("CUDA context of device " + ordinal + " is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            driver.primaryContextRelease(device);
        }
    }

    @Override
    public String toString() {
        return name + " (sm_" + computeCapability() + ", " + multiprocessors + " SMs, "
                + (totalMemory >> 20) + " MiB)";
    }
}
