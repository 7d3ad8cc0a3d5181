package org.huxley.cuda;

import org.huxley.testing.ParityModels;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import org.huxley.engine.Precision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NVRTC compiles the gradient module of a user-defined channel (generated derivative structs and
 * huxley_adjoint.cuh) in both precisions for sm_90, with every gradient entry point in the cubin: the
 * path CudaGradientEngine takes for user mechanisms, or for built-ins without prebuilt gradient
 * fatbins (about 13 s of NVRTC for both precisions here). Skipped without NVRTC.
 */
class NvrtcGradientCompileTest {
    @BeforeAll
    static void needsNvrtc() {
        String why = Nvrtc.unavailableReason();
        assumeTrue(why == null, "NVRTC unavailable: " + why);
    }

    @Test
    void userChannelGradientModuleCompilesWithEveryEntryPoint() {
        CudaSourceGenerator.Source src = KernelSources.selectGradients(ParityModels.userChannel().plan()).source();
        for (Precision p : Precision.values()) {
            byte[] cubin = CudaKernels.compile(src, p, 90);
            assertTrue(cubin.length > 4 && cubin[0] == 0x7f && cubin[1] == 'E', p + ": not an ELF cubin");
            String text = new String(cubin, StandardCharsets.ISO_8859_1);
            for (int phase = 0; phase < 4; phase++) {
                String name = CudaGradients.kernelName(phase, p);
                assertTrue(text.contains(name), p + ": no entry point " + name);
            }
            assertTrue(text.contains("hx_forward_" + p.suffix()), p + ": the forward kernel is in the module too");
        }
    }
}
