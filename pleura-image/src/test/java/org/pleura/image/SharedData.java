package org.pleura.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The image tests' view of the shared data, located by {@link org.pleura.testsupport.SharedData}. */
final class SharedData {
    private SharedData() {
    }

    static Path root() {
        return org.pleura.testsupport.SharedData.root();
    }

    static Path dicom(String relative) {
        Path p = root().resolve("data/dicom").resolve(relative);
        assumeTrue(Files.isRegularFile(p), p + " is absent");
        return p;
    }

    static boolean hasTool(String name) {
        return org.pleura.testsupport.SharedData.hasTool(name);
    }
}
