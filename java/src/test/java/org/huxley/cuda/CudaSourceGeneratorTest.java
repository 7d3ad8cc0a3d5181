package org.huxley.cuda;

import org.huxley.testing.ParityModels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.synapse.IonotropicSynapse;
import org.junit.jupiter.api.Test;

/**
 * Golden and structural checks of the generated CUDA source. The golden file holds the HH struct;
 * after an intended change of the expressions or the generator, regenerate it with
 * {@code -Dhuxley.golden.update=true} and review the diff.
 */
class CudaSourceGeneratorTest {
    static final String GOLDEN = "/org/huxley/cuda/golden/hh_channel.cuh.txt";

    static String hhStruct() {
        String text = CudaSourceGenerator.generate(List.of(HH.MECHANISM), List.of()).text();
        int start = text.indexOf("/* channel HH");
        int end = text.indexOf("};\n", start) + 3;
        return text.substring(start, end);
    }

    @Test
    void hhStructMatchesTheGoldenFile() throws IOException {
        String actual = hhStruct();
        if (Boolean.getBoolean("huxley.golden.update")) {
            Path p = Path.of("src/test/resources" + GOLDEN);
            Files.createDirectories(p.getParent());
            Files.writeString(p, actual);
        }
        try (InputStream in = getClass().getResourceAsStream(GOLDEN)) {
            assertTrue(in != null, "golden file missing: run with -Dhuxley.golden.update=true once");
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual);
        }
    }

    @Test
    void everyLiteralIsTypedAndEveryMathCallIsTheHxVersion() {
        String text = KernelSources.builtins().text();
        String body = text.substring(text.indexOf("template <typename T> struct"));
        var bare = Pattern.compile("(?<![\\w.(])\\d+\\.\\d+").matcher(body);
        while (bare.find()) {
            int s = Math.max(0, bare.start() - 2);
            assertEquals("T(", body.substring(s, bare.start()), "untyped literal near: "
                    + body.substring(Math.max(0, bare.start() - 30), Math.min(body.length(), bare.end() + 10)));
        }
        assertFalse(Pattern.compile("(?<![\\w])(exp|log|sqrt|tanh|pow|fmin|fmax)\\(").matcher(body).find(),
                "a math call not mapped to hx_*");
    }

    @Test
    void dispatchCoversEveryBuiltinAndSynapsesUseBothVoltages() {
        CudaSourceGenerator.Source s = KernelSources.builtins();
        for (int i = 0; i < s.channels().size(); i++) {
            assertTrue(s.text().contains("case " + i + ": hx_channel_table<T, hx_ch_" + i + "<T> >"), "channel " + i);
        }
        for (int i = 0; i < s.synapses().size(); i++) {
            assertTrue(s.text().contains("case " + i + ": hx_synapse_table<T, hx_sy_" + i + "<T> >"), "synapse " + i);
        }
        int iono = s.synapseId(IonotropicSynapse.MECHANISM);
        String struct = s.text().substring(s.text().indexOf("struct hx_sy_" + iono));
        assertTrue(struct.substring(0, struct.indexOf("};")).contains("v_pre"), "IonotropicSynapse reads v_pre");
    }

    @Test
    void hashFollowsTheText() {
        var a = CudaSourceGenerator.generate(List.of(HH.MECHANISM), List.of());
        var b = CudaSourceGenerator.generate(List.of(HH.MECHANISM), List.of());
        var c = CudaSourceGenerator.generate(List.of(HH.MECHANISM), List.of(IonotropicSynapse.MECHANISM));
        assertEquals(a.sha256(), b.sha256());
        assertNotEquals(a.sha256(), c.sha256());
        assertEquals(64, a.sha256().length());
    }

    @Test
    void wrongKindIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> CudaSourceGenerator.generate(List.of(IonotropicSynapse.MECHANISM), List.of()));
    }

    @Test
    void plansWithUserMechanismsGetTheirOwnSource() {
        KernelSources.Selection builtin = KernelSources.select(ParityModels.tree252(1, 1.0, 1).plan());
        assertTrue(builtin.builtin());
        assertEquals(KernelSources.builtins().sha256(), builtin.source().sha256());
        KernelSources.Selection user = KernelSources.select(ParityModels.userChannel().plan());
        assertFalse(user.builtin());
        assertEquals(List.of(0), java.util.Arrays.stream(user.channelIds()).boxed().toList());
        assertTrue(user.source().text().contains("channel SlowK"));
    }
}
