package org.huxley.cuda;

import org.huxley.testing.HostTestSupport;

import org.huxley.testing.ParityModels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java mirror of hx_adj (AdjointLayout) against the C compiler: the same size and field offsets,
 * hx_run embedded first; and every gradient module (built-in or user mechanisms) carries the gradient kernels, no forward module.
 */
class AdjointLayoutAbiTest {
    static HostLibrary lib;

    @BeforeAll
    static void load() {
        HostTestSupport.assumeHostCompiler();
        lib = HostLibrary.forSource(KernelSources.builtinGradients(), false);
    }

    @Test
    void javaMirrorHasTheCLayout() {
        assertEquals(AdjointLayout.LAYOUT.byteSize(), lib.adjointStructSize(), "sizeof(hx_adj)");
        assertEquals(RunLayout.LAYOUT.byteSize(), AdjointLayout.offset("adj_abi_version"), "hx_run comes first");
        for (Map.Entry<String, RunLayout.Kind> f : AdjointLayout.FIELDS.entrySet()) {
            assertEquals(AdjointLayout.offset(f.getKey()), lib.adjointFieldOffset(f.getKey()), "offset of " + f.getKey());
        }
        assertEquals(-1, lib.adjointFieldOffset("no_such_field"));
    }

    @Test
    void everyGeneratedModuleHasTheGradientKernelsAndTheirDerivatives() {
        String builtin = KernelSources.builtinGradients().text();
        String user = CudaSourceGenerator.generate(java.util.List.of(ParityModels.SLOW_K), java.util.List.of(), true)
                .text();
        assertTrue(!KernelSources.builtins().text().contains("huxley_adjoint"), "forward modules stay lean");
        for (String text : new String[] {builtin, user}) {
            assertTrue(text.contains("#include \"huxley_adjoint.cuh\""), "gradient kernels included");
            assertTrue(text.contains("struct hx_ch_0_d"), "derivative struct of channel 0");
            assertTrue(text.contains("hx_channel_adj_table<T, hx_ch_0<T>, hx_ch_0_d<T> >"), "adjoint dispatch");
        }
        // SlowK: 1 state, 1 parameter → 6 + 2 + 2 current-side and 1 × (2 + 1 + 1) update-side outputs
        assertTrue(user.contains("static constexpr int NCUR = 10;") && user.contains("static constexpr int NUPD = 4;"),
                user.substring(user.indexOf("struct hx_ch_0_d")));
    }
}
