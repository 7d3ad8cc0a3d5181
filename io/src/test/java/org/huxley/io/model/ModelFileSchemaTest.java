package org.huxley.io.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** The example files and the writer's output conform to docs/model-file.schema.json (draft 2020-12). */
class ModelFileSchemaTest {
    static final Path SCHEMA = Path.of("..", "docs", "model-file.schema.json");

    static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMA));
    }

    static List<String> errors(JsonNode node) throws IOException {
        return schema().validate(node).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    static Stream<Path> examples() throws IOException {
        return ExampleModelsTest.examples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleConformsToTheSchema(Path file) throws IOException {
        assertEquals(List.of(), errors(ModelReader.MAPPER.readTree(Files.readString(file))));
    }

    static Stream<Supplier<HuxleyModel>> codeModels() {
        return Stream.of(CodeModels::hhCompartment, CodeModels::binaryTree, CodeModels::network,
                CodeModels::userChannel);
    }

    @ParameterizedTest
    @MethodSource("codeModels")
    void writtenFileConformsToTheSchema(Supplier<HuxleyModel> model) throws IOException {
        assertEquals(List.of(), errors(ModelReader.MAPPER.readTree(ModelFile.toJson(model.get()))));
    }

    @Test
    void schemaRejectsWhatTheReaderRejects() throws IOException {
        String unknownKey = "{\"huxley\": 1, \"cells\": [{\"branches\": [{\"lenght\": 3}]}]}";
        String newer = "{\"huxley\": 2, \"cells\": [{\"branches\": [{}]}]}";
        String noCells = "{\"huxley\": 1}";
        for (String bad : List.of(unknownKey, newer, noCells)) {
            List<String> errors = errors(ModelReader.MAPPER.readTree(bad));
            assertFalse(errors.isEmpty(), "the schema should reject " + bad);
        }
        assertEquals(List.of(), errors(ModelReader.MAPPER.readTree("{\"huxley\": 1, \"cells\": [{\"branches\": [{}]}]}")));
    }
}
