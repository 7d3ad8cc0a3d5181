package org.huxley.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** A loaded kernel module; unloaded by {@link #close()}. */
public final class CudaModule implements AutoCloseable {
    private final CudaContext context;
    private final String description;
    private MemorySegment module;

    CudaModule(CudaContext context, MemorySegment module, String description) {
        this.context = context;
        this.module = module;
        this.description = description;
    }

    /** {@return where the module came from (fatbin resource, NVRTC, …)} */
    public String description() {
        return description;
    }

    /**
     * {@return a kernel of this module by its (extern "C") name}
     *
     * @param name the kernel's name
     */
    public Kernel kernel(String name) {
        if (module == null) {
            throw new IllegalStateException("module closed: " + description);
        }
        context.makeCurrent();
        return new Kernel(name, context.driver().moduleGetFunction(module, name));
    }

    /** A kernel handle (valid while its module is open). */
    public final class Kernel {
        private final String name;
        private final MemorySegment function;

        Kernel(String name, MemorySegment function) {
            this.name = name;
            this.function = function;
        }

        /** {@return the module's name, for messages} */
        public String name() {
            return name;
        }

        /**
         * Registers per thread.
         *
         * @return registers per thread
         */
        public int registers() {
            context.makeCurrent();
            return context.driver().functionAttribute(function, CudaDriver.FUNC_NUM_REGS);
        }

        /** {@return local (spill) memory per thread, bytes} */
        public int localBytes() {
            context.makeCurrent();
            return context.driver().functionAttribute(function, CudaDriver.FUNC_LOCAL_SIZE_BYTES);
        }

        /**
         * Launches with one by-value argument (the bytes of {@code arg}), checking the launch itself.
         *
         * @param grid blocks in the grid
         * @param block threads per block
         * @param arg the argument's bytes
         */
        public void launch(int grid, int block, MemorySegment arg) {
            launch(grid, block, 0, arg);
        }

        /** As {@link #launch(int, int, MemorySegment)} with {@code sharedBytes} of dynamic shared memory per block. */
        void launch(int grid, int block, int sharedBytes, MemorySegment arg) {
            context.makeCurrent();
            try (Arena a = Arena.ofConfined()) {
                MemorySegment params = a.allocate(ValueLayout.ADDRESS, 1);
                params.setAtIndex(ValueLayout.ADDRESS, 0, arg);
                context.driver().launchKernel(function, grid, block, sharedBytes, params);
            }
        }
    }

    @Override
    public void close() {
        if (module != null) {
            MemorySegment m = module;
            module = null;
            context.makeCurrent();
            context.driver().moduleUnload(m);
        }
    }
}
