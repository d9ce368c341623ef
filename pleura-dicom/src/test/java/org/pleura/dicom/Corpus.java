package org.pleura.dicom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds the shared DICOM corpus ({@code pleura.shared} system property, else ../shared); tests skip without it. */
public final class Corpus {

    private Corpus() {
    }

    /** The corpus root {@code <shared>/data/dicom}, or the test is skipped with a message. */
    public static Path root() {
        return org.pleura.testsupport.SharedData.data("dicom");
    }

    /** A corpus file by its path relative to the corpus root; skips the test when absent. */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        assumeTrue(Files.isRegularFile(p), "corpus file missing: " + p + ": skipping");
        return p;
    }

    /** Every .dcm file of the corpus, sorted. */
    public static List<Path> all() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when a command is on the PATH. */
    public static boolean hasTool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }
}
