package org.huxley.cuda;

import org.huxley.testing.ParityModels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.huxley.engine.Precision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NVRTC compiles without a GPU: where libnvrtc exists (CUDA toolkit, or a distribution's
 * libnvrtc package) the generated sources compile to sm_80 / sm_90 cubins in both precisions, and a
 * compile error comes back as a CudaException carrying the log. Skipped where NVRTC is missing.
 */
class NvrtcCompileTest {
    @BeforeAll
    static void needsNvrtc() {
        String why = Nvrtc.unavailableReason();
        assumeTrue(why == null, "NVRTC unavailable: " + why);
    }

    static boolean isElf(byte[] b) {
        return b.length > 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
    }

    @Test
    void builtinSourceCompilesInBothPrecisions() {
        for (Precision p : Precision.values()) {
            for (int cc : p == Precision.FLOAT64 ? new int[] {80, 90} : new int[] {80}) {
                Nvrtc.Result r = Nvrtc.get().compile(KernelSources.builtins().text(), "builtin.cu", KernelSources.headers(),
                        CudaKernels.nvrtcOptions(p, cc));
                assertTrue(r.isCubin() && isElf(r.image()), p + " sm_" + cc + ": not a cubin; log: " + r.log());
                // both kernel layouts are in the module (the ELF string table names every entry point)
                String elf = new String(r.image(), java.nio.charset.StandardCharsets.ISO_8859_1);
                for (KernelLayout l : new KernelLayout[] {KernelLayout.THREAD_PER_INSTANCE, KernelLayout.CELL_PER_BLOCK}) {
                    assertTrue(elf.contains(l.kernelName(p) + "\0"), p + " sm_" + cc + ": no " + l.kernelName(p));
                }
            }
        }
    }

    @Test
    void userChannelSourceCompiles() {
        CudaSourceGenerator.Source src = KernelSources.select(ParityModels.userChannel().plan()).source();
        byte[] cubin = CudaKernels.compile(src, Precision.FLOAT32, 80);
        assertTrue(isElf(cubin));
        CudaSourceGenerator.Source fragile = KernelSources.select(ParityModels.diverging().plan()).source();
        assertTrue(isElf(CudaKernels.compile(fragile, Precision.FLOAT64, 80)));
    }

    @Test
    void compileErrorsCarryTheLog() {
        CudaException e = assertThrows(CudaException.class, () -> Nvrtc.get().compile(
                "extern \"C\" __global__ void k() { this_is_not_declared(); }", "bad.cu", Map.of(),
                List.of("--gpu-architecture=sm_80")));
        assertEquals("NVRTC_ERROR_COMPILATION", e.name());
        assertTrue(e.description().contains("this_is_not_declared"), e.description());
    }
}
