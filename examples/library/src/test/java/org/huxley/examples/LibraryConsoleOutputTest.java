package org.huxley.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The libraries (huxley-core, huxley-adjoint, huxley-io) never write to the console: their bytecode
 * reads neither {@code System.out} nor {@code System.err} and calls no
 * {@code Throwable.printStackTrace()}. They log through slf4j-api; the application picks the binding.
 */
class LibraryConsoleOutputTest {
    private static final List<String> LIBRARIES = List.of("org.huxley.core", "org.huxley.adjoint", "org.huxley.io");

    /** The library modules on the test's module path (jars after package, class folders before). */
    private static List<ModuleReference> libraries() throws IOException {
        String path = System.getProperty("huxley.libraries.modulePath");
        if (path == null) {
            throw new IllegalStateException("system property huxley.libraries.modulePath is not set (see pom.xml)");
        }
        Path[] entries = Arrays.stream(Files.readString(Path.of(path)).strip().split(File.pathSeparator))
                .map(Path::of).toArray(Path[]::new);
        return ModuleFinder.of(entries).findAll().stream()
                .filter(r -> LIBRARIES.contains(r.descriptor().name())).toList();
    }

    /** "class.method: what" for every console write in one class file. */
    static List<String> consoleWrites(byte[] classBytes) {
        ClassModel cm = ClassFile.of().parse(classBytes);
        List<String> found = new ArrayList<>();
        for (MethodModel m : cm.methods()) {
            m.code().ifPresent(code -> code.forEach(e -> {
                String where = cm.thisClass().asInternalName() + "." + m.methodName().stringValue();
                if (e instanceof FieldInstruction f && f.owner().asInternalName().equals("java/lang/System")
                        && (f.name().equalsString("out") || f.name().equalsString("err"))) {
                    found.add(where + ": System." + f.name().stringValue());
                } else if (e instanceof InvokeInstruction i && i.name().equalsString("printStackTrace")
                        && i.typeSymbol().parameterCount() == 0) {
                    found.add(where + ": printStackTrace()");
                }
            }));
        }
        return found;
    }

    @Test
    void theDetectorFindsAConsoleWrite() throws IOException {
        try (var in = LibraryConsoleOutputTest.class.getResourceAsStream("Spikes.class")) {
            assertTrue(consoleWrites(in.readAllBytes()).isEmpty());
        }
        try (var in = SimulateCell.class.getResourceAsStream("SimulateCell.class")) {
            assertEquals(1, consoleWrites(in.readAllBytes()).size(), "the example prints its result once");
        }
    }

    @Test
    void librariesDoNotWriteToTheConsole() throws IOException {
        List<ModuleReference> modules = libraries();
        assertEquals(LIBRARIES.size(), modules.size(), "library modules on the module path: " + modules);
        List<String> found = new ArrayList<>();
        int classes = 0;
        for (ModuleReference module : modules) {
            try (ModuleReader reader = module.open()) {
                for (String name : reader.list().filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class"))
                        .toList()) {
                    classes++;
                    try (InputStream in = reader.open(name).orElseThrow()) {
                        found.addAll(consoleWrites(in.readAllBytes()));
                    }
                }
            }
        }
        assertTrue(classes > 100, "scanned " + classes + " classes");
        assertTrue(found.isEmpty(), "library code writes to the console (use an slf4j Logger):\n"
                + String.join("\n", found));
    }
}
