package org.huxley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.huxley.ModelException;
import org.junit.jupiter.api.Test;

/** The standard workloads have the sizes performance-targets.md states. */
class StandardWorkloadsTest {
    @Test
    void sizes() {
        assertEquals(1, StandardWorkloads.hh1(3, 1).plan().numCompartments());
        assertEquals(252, StandardWorkloads.tree252(2, 1).plan().numCompartments());
        Workload ca1 = StandardWorkloads.ca1(2, 1);
        assertEquals(620, ca1.plan().numCompartments()); // Jaxley's reader gives 620 at 4 per branch
        assertEquals(4000, ca1.protocol().steps());
        assertEquals(2, ca1.batch().size());
        assertThrows(ModelException.class, () -> StandardWorkloads.byName("ca3", 1, 1));
    }
}
