package org.huxley.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.huxley.HuxleyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad model files fail with one clear message naming the file and where: line and column, or JSON path. */
class ModelFileErrorsTest {
    @TempDir
    Path dir;

    /** A minimal valid file with {@code extra} spliced in after the version. */
    static String file(String extra) {
        return "{\"huxley\": 1, " + extra + (extra.isEmpty() ? "" : ", ")
                + "\"cells\": [{\"branches\": [{\"ncomp\": 2}]}]}";
    }

    private ModelFileException fail(String json) {
        String source = dir.resolve("bad.json").toString();
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.parse(json, source));
        assertTrue(e.getMessage().startsWith(source + ":"), "message starts with the file: " + e.getMessage());
        return e;
    }

    private static void assertContains(String expected, ModelFileException e) {
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void validMinimalFileReads() {
        HuxleyModel m = ModelFile.parse(file(""), dir.resolve("ok.json").toString());
        assertEquals(2, m.module().numComps(0, 0));
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        ModelFileException e = fail("{\"huxley\": 1,\n  \"cells\": [ }\n");
        assertEquals(2, e.line());
        assertEquals(14, e.column());
        assertContains("bad.json:2:14: malformed JSON: Unexpected close marker '}': expected ']'", e);
        assertTrue(!e.getMessage().contains("Source"), "no parser internals in the message: " + e.getMessage());
    }

    @Test
    void duplicateKeyIsMalformed() {
        ModelFileException e = fail("{\"huxley\": 1,\n \"huxley\": 1, \"cells\": []}");
        assertEquals(2, e.line());
        assertContains("huxley", e);
    }

    @Test
    void unknownKeysNameTheirPath() {
        assertContains("$.cels: unknown key 'cels'", fail("{\"huxley\": 1, \"cels\": []}"));
        ModelFileException e = fail("{\"huxley\": 1, \"cells\": [{\"branches\": [{\"ncomp\": 1}, {\"lenght\": 5}]}]}");
        assertEquals("$.cells[0].branches[1].lenght", e.jsonPath());
        assertContains("unknown key 'lenght', did you mean 'length'? (allowed here: area, axial_resistivity, capacitance, length, ncomp", e);
    }

    @Test
    void wrongTypesNameTheirPath() {
        assertContains("$.protocol.dt: expected a number, got a string", fail(file("\"protocol\": {\"dt\": \"0.025\"}")));
        assertContains("$.cells: expected an array, got an object", fail("{\"huxley\": 1, \"cells\": {}}"));
        assertContains("$.protocol.steps: expected an integer, got 10.5", fail(file("\"protocol\": {\"steps\": 10.5}")));
    }

    @Test
    void missingRequiredKeys() {
        assertContains("$: missing required key 'huxley'", fail("{\"cells\": []}"));
        assertContains("$: missing required key 'cells'", fail("{\"huxley\": 1}"));
        assertContains("$: a model file is one JSON object, got array", fail("[1, 2]"));
    }

    @Test
    void newerFormatVersionIsRejected() {
        ModelFileException e = fail("{\"huxley\": 2, \"something_new\": true}");
        assertContains("$.huxley: format version 2 is newer than this Huxley reads (1); update Huxley", e);
    }

    @Test
    void unknownMechanismListsTheKnownOnes() {
        ModelFileException e = fail(file("\"membrane\": [{\"insert\": [\"HH\", \"Nax\"]}]"));
        assertEquals("$.membrane[0].insert[1]", e.jsonPath());
        assertContains("unknown mechanism 'Nax' (known: HH, Na, K, Km, CaL, CaT, Leak)", e);
        assertContains("('IonotropicSynapse' is a synapse)",
                fail(file("\"membrane\": [{\"insert\": [\"IonotropicSynapse\"]}]")));
    }

    @Test
    void unknownParameterNamesTheField() {
        ModelFileException e = fail(file("\"membrane\": [{\"insert\": [\"HH\"], \"set\": {\"HH.gNaa\": 0.1}}]"));
        assertEquals("$.membrane[0].set['HH.gNaa']", e.jsonPath());
        assertContains("unknown field 'HH.gNaa' (known here: length, radius", e);
        assertContains("HH.gNa, HH.gK", e);
    }

    @Test
    void negativeGeometryIsOutOfRange() {
        ModelFileException e = fail("{\"huxley\": 1, \"cells\": [{\"branches\": [{\"radius\": -1.0}]}]}");
        assertContains("$.cells[0].branches[0].radius: radius = -1.0 is outside its valid range", e);
        assertContains("$.membrane[0].set.length: length = -2.0 on all",
                fail(file("\"membrane\": [{\"set\": {\"length\": -2.0}}]")));
    }

    @Test
    void missingSwcIsNamedRelativeToTheModelFile() {
        ModelFileException e = fail("{\"huxley\": 1, \"cells\": [{\"swc\": \"morph/missing.swc\", \"ncomp\": 2}]}");
        assertContains("$.cells[0].swc: SWC file not found: " + dir.resolve("morph").resolve("missing.swc"), e);
    }

    @Test
    void missingCsvAndMissingModelFile() {
        assertContains("$.stimuli[0].csv: CSV file not found: " + dir.resolve("i.csv"),
                fail(file("\"stimuli\": [{\"csv\": \"i.csv\"}]")));
        Path none = dir.resolve("none.json");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.read(none));
        assertEquals(none + ": model file not found", e.getMessage());
    }

    @Test
    void expressionSyntaxErrorsGiveTheColumn() {
        String mech = "\"mechanisms\": [{\"name\": \"L2\", \"params\": {\"g\": 1e-4, \"e\": -65},"
                + " \"current\": {\"name\": \"i_L2\", \"expr\": \"%s\"}}]";
        ModelFileException e = fail(file(mech.formatted("g * (v - e))")));
        assertEquals("$.mechanisms[0].current.expr", e.jsonPath());
        assertContains("column 12: unexpected ')' in \"g * (v - e))\"", e);
        assertContains("column 1: unknown name 'gg' (names here: v, dt, g, e)", fail(file(mech.formatted("gg * v"))));
        assertContains("column 9: expected a number, a name or '(', found the end of the expression",
                fail(file(mech.formatted("g * (v -"))));
        assertContains("column 5: unknown function 'exp' (Huxley's exponential is saveExp(x) = exp(min(x, 20)))",
                fail(file(mech.formatted("g * exp(v)"))));
        assertContains("column 7: the exponent after '^' must be an integer", fail(file(mech.formatted("g * v^1.5"))));
        assertContains("column 5: min takes 2 arguments, got 1", fail(file(mech.formatted("g * min(v)"))));
    }

    @Test
    void userMechanismMistakes() {
        assertContains("$.mechanisms[0].name: 'HH' is a built-in mechanism",
                fail(file("\"mechanisms\": [{\"name\": \"HH\", \"current\": {\"name\": \"i\", \"expr\": \"v\"}}]")));
        assertContains("$.mechanisms[0]: state 'n' has no dynamics",
                fail(file("\"mechanisms\": [{\"name\": \"X\", \"states\": {\"n\": 0.1},"
                        + " \"current\": {\"name\": \"i\", \"expr\": \"n * v\"}}]")));
        assertContains("$.mechanisms[0].dynamics.n: give one form of dynamics",
                fail(file("\"mechanisms\": [{\"name\": \"X\", \"states\": {\"n\": 0.1}, \"dynamics\": {\"n\": "
                        + "{\"alpha\": \"1\", \"tau\": \"2\"}}, \"current\": {\"name\": \"i\", \"expr\": \"n * v\"}}]")));
    }

    @Test
    void badTreesSelectionsEnginesAndBounds() {
        assertContains("$.cells[0].parents: parent list must have exactly one root",
                fail("{\"huxley\": 1, \"cells\": [{\"parents\": [-1, -1], \"branches\": [{}, {}]}]}"));
        assertContains("$.protocol.engine: unknown value 'gpu' (known: auto, cpu, cuda)",
                fail(file("\"protocol\": {\"engine\": \"gpu\"}")));
        assertContains("$.membrane[0].where: branch index 5 out of range 0..0",
                fail(file("\"membrane\": [{\"where\": {\"branches\": 5}, \"insert\": [\"HH\"]}]")));
        assertContains("$.trainables[0]: ", fail(file("\"membrane\": [{\"insert\": [\"HH\"]}], \"trainables\": "
                + "[{\"field\": \"HH.gNa\", \"bounds\": [-1.0, 1.0]}]")));
        assertContains("$.trainables[0].initial: initial value 2.0 is not inside the bounds [0.01, 1.0]",
                fail(file("\"membrane\": [{\"insert\": [\"HH\"]}], \"trainables\": "
                        + "[{\"field\": \"HH.gNa\", \"initial\": 2.0, \"bounds\": [0.01, 1.0]}]")));
        assertContains("$.synapses: synapses need \"module\": \"network\"",
                fail(file("\"module\": \"cell\", \"synapses\": []")));
    }

    @Test
    void inconsistentTrainablesAreRejectedInCode() {
        assertThrows(IllegalArgumentException.class, () -> new Trainable(Selector.all(), null, "HH.gNa", 0.1,
                Double.NaN, Double.NaN, false, true));
        assertThrows(IllegalArgumentException.class, () -> Trainable.of(Selector.all(), "HH.gNa", 1.0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Trainable(Selector.all(), new EdgeSelector(null, null),
                "HH.gNa", Double.NaN, Double.NaN, Double.NaN, false, false));
    }

    @Test
    void errorsAreHuxleyExceptions() {
        assertTrue(HuxleyException.class.isAssignableFrom(ModelFileException.class));
    }
}
