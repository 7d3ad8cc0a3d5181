package org.huxley.plan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.huxley.ModelException;
import org.huxley.mech.builtin.HH;
import org.huxley.model.Cell;
import org.huxley.model.Compartment;
import org.huxley.model.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance ([core], bad input): compile() rejects what cannot be simulated with a
 * {@link ModelException} naming what and where: geometry given as measured values (SWC style) that
 * is negative, zero or NaN, and a model that records nothing.
 */
class CompileValidationTest {
    static final Site SITE = new Site(0, 1, 0);

    static void assertContains(Exception e, String... facts) {
        for (String f : facts) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    static Cell recordedCell() {
        Cell c = Cell.binaryTree(3, 2);
        c.insert(HH.MECHANISM);
        c.record();
        return c;
    }

    static Stream<Double> bad() {
        return Stream.of(-5.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY);
    }

    @ParameterizedTest(name = "area = {0}")
    @MethodSource("bad")
    void badMeasuredAreaIsRejectedAtCompileNamingFieldValueAndSite(double area) {
        Cell c = recordedCell();
        c.compartment(SITE).setMeasuredGeometry(10.0, 1.0, area, 31.4, 1.6, 1.6);
        ModelException e = assertThrows(ModelException.class, c::compile);
        assertContains(e, "area", String.valueOf(area), "cell 0 branch 1 comp 0");
    }

    @ParameterizedTest(name = "radius = {0}")
    @MethodSource("bad")
    void badMeasuredRadiusIsRejectedAtCompile(double radius) {
        Cell c = recordedCell();
        c.compartment(SITE).setMeasuredGeometry(10.0, radius, 62.8, 31.4, 1.6, 1.6);
        assertContains(assertThrows(ModelException.class, c::compile), "radius", String.valueOf(radius),
                "cell 0 branch 1 comp 0");
    }

    @ParameterizedTest(name = "load = {0}")
    @MethodSource("bad")
    void badMeasuredResistiveLoadIsRejectedAtCompile(double load) {
        Cell c = recordedCell();
        c.compartment(SITE).setMeasuredGeometry(10.0, 1.0, 62.8, 31.4, 1.6, load);
        assertContains(assertThrows(ModelException.class, c::compile), "resistive_load_out",
                "cell 0 branch 1 comp 0");
    }

    @Test
    void validMeasuredGeometryCompiles() {
        Cell c = recordedCell();
        c.compartment(SITE).setMeasuredGeometry(10.0, 1.0, 70.0, 31.4, 1.2, 2.0);
        assertDoesNotThrow(c::compile);
    }

    @Test
    void recordingNothingIsRejectedAtCompile() {
        Compartment c = new Compartment();
        c.insert(HH.MECHANISM);
        assertContains(assertThrows(ModelException.class, c::compile), "nothing is recorded", "record()");
    }

    @Test
    void deletingAllRecordingsMakesTheModelUncompilableAgain() {
        Cell c = recordedCell();
        assertDoesNotThrow(c::compile);
        c.deleteRecordings();
        assertContains(assertThrows(ModelException.class, c::compile), "nothing is recorded");
    }
}
