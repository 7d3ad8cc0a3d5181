package org.huxley.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.huxley.ModelException;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.pospischil.Leak;
import org.huxley.model.Branch;
import org.huxley.model.CompartmentField;
import org.junit.jupiter.api.Test;

/**
 * Acceptance ([core], bad input): a parameter-set value outside the field's valid range, and a
 * layout declared where the field does not exist, fail with a {@link ModelException} naming the
 * set, the parameter, the value and the range.
 */
class ParameterRangeTest {
    static void assertContains(Exception e, String... facts) {
        for (String f : facts) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    static Branch model() {
        Branch b = Branch.of(2);
        b.insert(HH.MECHANISM);
        b.record();
        return b;
    }

    @Test
    void valueBelowTheRangeIsRejectedNamingSetParameterValueAndRange() {
        Branch b = model();
        ParameterSets sets = new ParameterLayout(b).add(b.all(), HH.G_NA).batch(3);
        ModelException e = assertThrows(ModelException.class, () -> sets.set(2, 0, -0.5));
        assertContains(e, "parameter set 2", "HH.gNa", "-0.5", "[0.0, 100.0]", "S/cm^2");
        assertEquals(0.12, sets.get(2, 0), 0.0, "rejected value must not be stored");
    }

    @Test
    void nanAndValuesAboveTheRangeAreRejected() {
        Branch b = model();
        ParameterSets sets = new ParameterLayout(b).add(b.comp(0, 1), CompartmentField.RADIUS).batch(2);
        assertContains(assertThrows(ModelException.class, () -> sets.set(0, 1, Double.NaN)), "parameter set 0",
                "radius", "NaN");
        assertContains(assertThrows(ModelException.class, () -> sets.set(1, 0, 0.0)), "parameter set 1", "radius",
                "0.0");
        assertContains(assertThrows(ModelException.class, () -> sets.setAll(0, 2e9)), "radius", "2.0E9");
    }

    @Test
    void boundsThemselvesAreAccepted() {
        Branch b = model();
        ParameterSets sets = new ParameterLayout(b).add(b.all(), HH.G_NA).batch(1);
        sets.set(0, 0, 0.0);
        sets.set(0, 0, 100.0);
        assertEquals(100.0, sets.get(0, 0), 0.0);
    }

    @Test
    void layoutOnASelectionWithoutTheMechanismIsRejected() {
        Branch b = model();
        assertContains(assertThrows(ModelException.class, () -> new ParameterLayout(b).add(b.all(), Leak.G_LEAK)),
                "Leak.gLeak", "insert");
    }

    @Test
    void layoutOnASelectionOfAnotherModelIsRejected() {
        Branch b = model();
        Branch other = model();
        assertContains(assertThrows(ModelException.class, () -> new ParameterLayout(b).add(other.all(), HH.G_NA)),
                "another model");
    }

    @Test
    void batchSizeBelowOneIsRejected() {
        Branch b = model();
        assertContains(assertThrows(ModelException.class, () -> new ParameterLayout(b).batch(0)), "batch size", "0");
    }
}
