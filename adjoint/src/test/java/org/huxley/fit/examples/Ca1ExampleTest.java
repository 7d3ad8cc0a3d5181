package org.huxley.fit.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.huxley.fit.FitProblem;
import org.huxley.fit.Starts;
import org.junit.jupiter.api.Test;

/** The bundled example is what the issue asks for, and its target is its own exact minimum. */
class Ca1ExampleTest {
    @Test
    void modelRecordingsParametersAndTarget() {
        Ca1Example.Config cfg = Ca1Example.Config.defaults().withThreads(2);
        FitProblem p = Ca1Example.problem(cfg, Ca1Example.TRUTH);
        assertEquals(310, p.plan().numCompartments()); // 155 branches x 2
        assertEquals(10, p.dimension());
        assertEquals(3, p.experiments().size());
        assertEquals(3, p.plan().recordings().size());
        List<String> names = p.parameterNames();
        for (String region : List.of("soma", "apical", "basal")) {
            for (String field : List.of("Na.gNa", "K.gK", "Leak.gLeak")) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith(field) && n.contains(region)), field + " " + region);
            }
        }
        assertTrue(names.stream().anyMatch(n -> n.startsWith("Km.gKm") && n.contains("soma")), names.toString());
        var sites = p.plan().recordings().stream().map(r -> p.plan().siteOf(r.node())).toList();
        assertTrue(p.plan().source().group("soma").sites().contains(sites.get(0)));
        assertTrue(p.plan().source().group("apical").sites().contains(sites.get(1)));
        assertTrue(p.plan().source().group("basal").sites().contains(sites.get(2)));
        double[] x = p.toUnconstrained(Ca1Example.TRUTH);
        assertArrayEquals(Ca1Example.TRUTH, p.toValues(x), 1e-15);
        // the truth reproduces the target: zero loss; a start x/÷2 away does not
        double[][] start = Starts.logUniform(Ca1Example.TRUTH, 2.0, 1, 1);
        double[] l = p.values(new double[][] {x, p.toUnconstrained(start[0])});
        assertEquals(0.0, l[0], 1e-20);
        assertTrue(l[1] > 1.0, "loss at a start " + l[1]);
    }
}
