package org.pleura.model.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a command given no model looks: the explicit setting, else the bundled folders in order. */
class ModelFolderTest {

    @TempDir
    Path tmp;
    private final String before = System.getProperty("pleura.model");

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("pleura.model");
        } else {
            System.setProperty("pleura.model", before);
        }
    }

    @Test
    void packagesInAFolderAreFoldersWithModelJsonOrZipsByName() throws Exception {
        Files.createDirectories(tmp.resolve("b-pkg"));
        Files.writeString(tmp.resolve("b-pkg/model.json"), "{}");
        Files.write(tmp.resolve("a-pkg.zip"), new byte[]{1});
        Files.createDirectories(tmp.resolve("c-not-a-package"));
        assertEquals(List.of(tmp.resolve("a-pkg.zip"), tmp.resolve("b-pkg")), ModelFolder.packagesIn(tmp));
        assertEquals(List.of(tmp.resolve("b-pkg")), ModelFolder.packages(tmp.resolve("b-pkg")));
        assertEquals(List.of(), ModelFolder.packagesIn(tmp.resolve("absent")));
    }

    @Test
    void theExplicitSettingNamesOneOrSeveralPackages() {
        System.setProperty("pleura.model", "a" + File.pathSeparator + File.pathSeparator + "b");
        assertEquals(Optional.of("a" + File.pathSeparator + File.pathSeparator + "b"), ModelFolder.explicitSetting());
        assertEquals(Optional.of(List.of(Path.of("a"), Path.of("b"))), ModelFolder.explicitPackages());
        System.setProperty("pleura.model", "  ");
        assertEquals(Optional.empty(), ModelFolder.explicitSetting(), "a blank setting is no setting");
    }

    @Test
    void bundledFoldersAreBesideTheInstallationThenInTheWorkingDirectory() {
        // this test class runs from pleura-model/target/test-classes: the installation is the checkout
        Path root = ModelFolder.installationRoot(ModelFolderTest.class).orElseThrow();
        assertTrue(Files.isDirectory(root.resolve("pleura-model")), root.toString());
        List<Path> folders = ModelFolder.bundledFolders(ModelFolderTest.class);
        assertEquals(root.resolve("models"), folders.get(0));
        assertEquals(Path.of("models").toAbsolutePath().normalize(), folders.get(folders.size() - 1));
        Optional<Path> first = ModelFolder.firstBundledFolder(ModelFolderTest.class);
        assertEquals(folders.stream().filter(f -> !ModelFolder.packagesIn(f).isEmpty()).findFirst(), first);
    }
}
