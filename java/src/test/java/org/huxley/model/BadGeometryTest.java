package org.huxley.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.huxley.ModelException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance ([core], bad input): a negative, zero or NaN geometry value set on a selection fails
 * at once with a {@link ModelException} naming the field, the value and the selection, and leaves
 * the model unchanged. (Geometry given as measured values is validated at compile(); see
 * {@code plan.CompileValidationTest}.)
 */
class BadGeometryTest {
    static Stream<Arguments> badValues() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (CompartmentField f : new CompartmentField[] {CompartmentField.RADIUS, CompartmentField.LENGTH,
                CompartmentField.AXIAL_RESISTIVITY, CompartmentField.CAPACITANCE}) {
            for (double v : new double[] {-1.0, 0.0, Double.NaN}) {
                b.add(Arguments.of(f, v));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void negativeZeroOrNanGeometryIsRejectedNamingFieldValueAndSelection(CompartmentField f, double value) {
        Branch br = Branch.of(3);
        double before = br.comp(1).get(f)[0];
        double areaBefore = br.comp(1).get(CompartmentField.AREA)[0];
        ModelException e = assertThrows(ModelException.class, () -> br.comp(1).set(f, value));
        String msg = e.getMessage();
        assertTrue(msg.contains(f.key()), msg);
        assertTrue(msg.contains(String.valueOf(value)), msg);
        assertTrue(msg.contains("comp(1)"), "message should name the selection: " + msg);
        assertTrue(msg.contains("cell 0 branch 0 comp 1"), "message should name the site: " + msg);
        assertEquals(before, br.comp(1).get(f)[0], 0.0, "value must be unchanged");
        assertEquals(areaBefore, br.comp(1).get(CompartmentField.AREA)[0], 0.0, "area must be unchanged");
    }

    @ParameterizedTest(name = "radius = {0}")
    @MethodSource("radii")
    void badRadiusOnACellBranchNamesTheBranchSelection(double value) {
        Cell cell = Cell.binaryTree(3, 2);
        ModelException e = assertThrows(ModelException.class,
                () -> cell.branch(2).comp(0).set(CompartmentField.RADIUS, value));
        assertTrue(e.getMessage().contains("radius"), e.getMessage());
        assertTrue(e.getMessage().contains("branch(2).comp(0)"), e.getMessage());
        assertTrue(e.getMessage().contains("cell 0 branch 2 comp 0"), e.getMessage());
        assertTrue(e.getMessage().contains(String.valueOf(value)), e.getMessage());
    }

    static Stream<Double> radii() {
        return Stream.of(-1.0, 0.0, Double.NaN, Double.NEGATIVE_INFINITY);
    }

    @ParameterizedTest(name = "radius = {0}")
    @MethodSource("radii")
    void badRadiusOnAWholeCompartmentNamesItsSite(double value) {
        Compartment c = new Compartment();
        ModelException e = assertThrows(ModelException.class, () -> c.set(CompartmentField.RADIUS, value));
        assertTrue(e.getMessage().contains("radius = " + value), e.getMessage());
        assertTrue(e.getMessage().contains("cell 0 branch 0 comp 0"), e.getMessage());
    }

    @ParameterizedTest(name = "v = {0}")
    @MethodSource("nonFinite")
    void nonFiniteInitialVoltageIsRejected(double value) {
        Compartment c = new Compartment();
        ModelException e = assertThrows(ModelException.class, () -> c.set(CompartmentField.V, value));
        assertTrue(e.getMessage().contains("v = " + value), e.getMessage());
    }

    static Stream<Double> nonFinite() {
        return Stream.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }
}
