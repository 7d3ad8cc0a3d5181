package org.huxley.mech;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.huxley.ModelException;
import org.huxley.mech.builtin.HH;
import org.huxley.mech.pospischil.Na;
import org.junit.jupiter.api.Test;

/**
 * Acceptance ([core], bad input): looking up a parameter or state name a mechanism does not have
 * fails with a {@link ModelException} naming the mechanism, the unknown name and the valid names.
 * An unknown mechanism name fails the same way.
 */
class UnknownNameTest {
    @Test
    void unknownParameterNameNamesMechanismNameAndAlternatives() {
        ModelException e = assertThrows(ModelException.class, () -> HH.MECHANISM.param("nope"));
        assertContains(e, "HH", "'nope'", "gNa", "eLeak");
    }

    @Test
    void unknownMechanismNameNamesTheBuiltIns() {
        ModelException e = assertThrows(ModelException.class, () -> BuiltinMechanisms.byName("Hh"));
        assertContains(e, "'Hh'", "HH", "CaT", "IonotropicSynapse");
        assertTrue(BuiltinMechanisms.byName("CaT") == org.huxley.mech.pospischil.CaT.MECHANISM);
    }

    @Test
    void parameterNamesAreShortNamesNotKeys() {
        // Model files name parameters by their short name; the prefixed key is not a parameter name.
        ModelException e = assertThrows(ModelException.class, () -> HH.MECHANISM.param("HH.gNa"));
        assertContains(e, "'HH.gNa'");
    }

    @Test
    void knownParameterAndStateNamesResolveToTheirHandles() {
        assertTrue(HH.MECHANISM.param("gNa") == HH.G_NA);
        assertTrue(HH.MECHANISM.state("m") == HH.M);
    }

    @Test
    void unknownStateNameNamesMechanismNameAndAlternatives() {
        ModelException e = assertThrows(ModelException.class, () -> Na.MECHANISM.state("n"));
        assertContains(e, "Na", "'n'", "m", "h");
    }

    @Test
    void updateOfAForeignStateNamesTheState() {
        ModelException e = assertThrows(ModelException.class, () -> HH.MECHANISM.update(Na.M));
        assertContains(e, "HH", "Na.m");
    }

    static void assertContains(Exception e, String... facts) {
        for (String f : facts) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }
}
