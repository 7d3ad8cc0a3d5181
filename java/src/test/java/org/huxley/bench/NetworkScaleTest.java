package org.huxley.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.huxley.engine.CpuEngine;
import org.huxley.engine.Protocol;
import org.huxley.engine.Recordings;
import org.huxley.model.Network;
import org.huxley.plan.Plan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Acceptance (issue 6, scale): 2,000 cells of 5 branches × 4 compartments with 1,000,000 synapses
 * (seeded sparseConnect) build and compile in ≤ 10 s using ≤ 300 bytes per synapse. Prints build
 * and compile time, the heap the synapses take in the network and in the plan, and the forward
 * speed (compartment-steps/s, one thread). Memory is the retained heap after full collections,
 * compared with the same cells without synapses. Run with ci/slow-tests.sh or
 * {@code mvn -pl java test -Dgroups=slow -Dtest=NetworkScaleTest}.
 */
@Tag("slow")
class NetworkScaleTest {
    static final int CELLS = 2000;
    static final long SYNAPSES = 1_000_000;

    static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        // Runtime rather than the memory MXBean: the tests run inside the org.huxley.core module, which
        // does not read java.management.
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void twoThousandCellsWithAMillionSynapses() {
        long base0 = usedHeap();
        Network bare = NetworkWorkloads.sparse(CELLS, 0, 1L);
        Plan barePlan = bare.compile();
        long bareBytes = usedHeap() - base0;
        bare = null;
        barePlan = null;

        long heap0 = usedHeap();
        long t0 = System.nanoTime();
        Network net = NetworkWorkloads.sparse(CELLS, SYNAPSES, 1L);
        long t1 = System.nanoTime();
        Plan plan = net.compile();
        long t2 = System.nanoTime();
        long afterCompile = usedHeap();
        plan = null;
        long networkOnly = usedHeap();
        plan = net.compile();
        int n = net.numSynapses();
        double buildS = (t1 - t0) / 1e9;
        double compileS = (t2 - t1) / 1e9;
        double perSynapse = (double) (afterCompile - heap0 - bareBytes) / n;
        double inNetwork = (double) (networkOnly - heap0 - bareBytes) / n;

        int steps = 40;
        long t3 = System.nanoTime();
        Recordings rec = new CpuEngine(1).run(plan, Protocol.defaults().withSteps(steps)).requireFinite();
        double runS = (System.nanoTime() - t3) / 1e9;
        double compSteps = (double) plan.numCompartments() * steps / runS;
        System.out.printf(Locale.ROOT, "network scale: %d cells, %d compartments, %d synapses; build %.2f s, "
                + "compile %.2f s (total %.2f s); synapse memory %.0f B/synapse (network %.0f, plan %.0f); "
                + "cells without synapses %.1f MB; forward %d steps in %.2f s = %.3g compartment-steps/s "
                + "(%.3g synapse-steps/s), v(end) %.3f mV%n", CELLS, plan.numCompartments(), n, buildS, compileS,
                buildS + compileS, perSynapse, inNetwork, perSynapse - inNetwork, bareBytes / 1e6, steps, runS,
                compSteps, (double) n * steps / runS, rec.get(0, 0, steps));
        assertTrue(Math.abs(n - SYNAPSES) < 5_000, "about a million synapses: " + n);
        assertTrue(buildS + compileS <= 10.0, "build + compile " + (buildS + compileS) + " s");
        assertTrue(perSynapse <= 300.0, perSynapse + " bytes per synapse");
    }
}
