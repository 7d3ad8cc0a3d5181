package org.huxley.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Shared helpers of the FFM bindings: library loading, downcall handles, C strings. */
final class NativeLibs {
    static final Linker LINKER = Linker.nativeLinker();
    /** A {@code char*} readable as a C string. */
    static final MemoryLayout C_STRING_TARGET = MemoryLayout.sequenceLayout(Long.MAX_VALUE, java.lang.foreign.ValueLayout.JAVA_BYTE);

    private NativeLibs() {
    }

    /** Why native access is not possible, or empty when it is. */
    static Optional<String> nativeAccessProblem() {
        Module m = NativeLibs.class.getModule();
        if (!m.isNativeAccessEnabled()) {
            return Optional.of("native access is not enabled for " + (m.isNamed() ? m.getName() : "the class path")
                    + " (run java with --enable-native-access=" + (m.isNamed() ? m.getName() : "ALL-UNNAMED") + ")");
        }
        return Optional.empty();
    }

    /**
     * Loads the first library that opens: each name through the dynamic loader's search, then in
     * each directory.
     *
     * @throws CudaUnavailableException listing what was tried
     */
    static SymbolLookup load(String what, String overrideProperty, List<String> names, List<Path> dirs) {
        List<String> tried = new ArrayList<>();
        String override = System.getProperty(overrideProperty);
        if (override != null && !override.isBlank()) {
            try {
                return SymbolLookup.libraryLookup(Path.of(override), Arena.global());
            } catch (IllegalArgumentException e) {
                throw new CudaUnavailableException(what + " could not be loaded from " + override + " (system property "
                        + overrideProperty + "): " + e.getMessage());
            }
        }
        for (String name : names) {
            try {
                return SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException e) {
                tried.add(name);
            }
        }
        for (Path dir : dirs) {
            for (String name : names) {
                Path p = dir.resolve(name);
                if (Files.isRegularFile(p)) {
                    try {
                        return SymbolLookup.libraryLookup(p, Arena.global());
                    } catch (IllegalArgumentException e) {
                        tried.add(p + " (" + e.getMessage() + ")");
                    }
                }
            }
        }
        throw new CudaUnavailableException(what + " not found (tried " + String.join(", ", tried)
                + (dirs.isEmpty() ? "" : " and the folders " + dirs) + ")");
    }

    /** A downcall handle, or an unavailable-exception naming the missing symbol. */
    static MethodHandle fn(SymbolLookup lib, String libName, String symbol, FunctionDescriptor fd) {
        MemorySegment addr = lib.find(symbol).orElseThrow(
                () -> new CudaUnavailableException(libName + " has no symbol " + symbol + " (too old a driver?)"));
        return LINKER.downcallHandle(addr, fd);
    }

    /** The first symbol of {@code symbols} that exists. */
    static MethodHandle fnAny(SymbolLookup lib, String libName, FunctionDescriptor fd, String... symbols) {
        for (String s : symbols) {
            Optional<MemorySegment> a = lib.find(s);
            if (a.isPresent()) {
                return LINKER.downcallHandle(a.get(), fd);
            }
        }
        throw new CudaUnavailableException(libName + " has none of the symbols " + List.of(symbols));
    }

    /** Reads a NUL-terminated string at {@code ptr} (null → "?"). */
    static String string(MemorySegment ptr) {
        if (ptr == null || ptr.equals(MemorySegment.NULL)) {
            return "?";
        }
        return ptr.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** An array of C strings in {@code arena}. */
    static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment arr = arena.allocate(ADDRESS, Math.max(1, values.size()));
        for (int i = 0; i < values.size(); i++) {
            arr.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        return arr;
    }

    /** Rethrows what a downcall threw (they declare Throwable). */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }
}
