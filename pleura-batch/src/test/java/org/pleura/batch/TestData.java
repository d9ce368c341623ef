package org.pleura.batch;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.pleura.batch.input.CsvLines;

/**
 * The real data of the tests: {@code ../shared} beside the checkout (found by pleura-test-support's
 * {@code SharedData}) and the bundled model under {@code models/}. Tests skip with a clear message when either is absent.
 */
public final class TestData {

    private TestData() {
    }

    /** The repository root (the parent of this module). */
    public static Path repo() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    }

    /** {@code ../shared} (the project's one locator), or skips. */
    public static Path shared() {
        return org.pleura.testsupport.SharedData.root();
    }

    /** The bundled chest model package (the package under {@code models/} whose catalogue is {@code chest}). */
    public static Path chestModel() {
        Path models = repo().resolve("models");
        for (Path p : org.pleura.model.pkg.ModelFolder.packages(models)) {
            try {
                if (org.pleura.model.pkg.ModelPackage.load(p).descriptor().catalogue().equals("chest")) {
                    return p;
                }
            } catch (org.pleura.model.pkg.InvalidModelPackageException e) {
                throw new AssertionError("bundled package " + p + " does not load: " + e.getMessage(), e);
            }
        }
        throw new AssertionError("no chest model package under " + models);
    }

    /** The DICOM corpus files its MANIFEST.psv lists, absolute. */
    public static List<Path> dicomCorpus() throws IOException {
        Path root = shared().resolve("data/dicom");
        Path manifest = root.resolve("MANIFEST.psv");
        assumeTrue(Files.isRegularFile(manifest), manifest + " is absent: skipping");
        List<Path> files = new ArrayList<>();
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                files.add(root.resolve(line.substring(0, line.indexOf('|'))).normalize());
            }
        }
        return files;
    }

    /** The rows of the NIH manifest (column name to value) that a predicate keeps. */
    public static List<Map<String, String>> nihRows(Predicate<Map<String, String>> keep) throws IOException {
        Path manifest = shared().resolve("data/nih-cxr/manifest.csv");
        assumeTrue(Files.isRegularFile(manifest), manifest + " is absent: skipping");
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        List<String> header = CsvLines.split(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = CsvLines.split(line);
            Map<String, String> row = new java.util.LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < f.size() ? f.get(i) : "");
            }
            if (keep.test(row)) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** The absolute path of an NIH manifest row's image. */
    public static Path nihImage(Map<String, String> row) {
        return shared().resolve("data/nih-cxr").resolve(row.get("path")).normalize();
    }

    /** Writes a manifest CSV of absolute paths with the given extra columns (header names, then per-file values). */
    public static Path writeManifest(Path csv, List<Path> files, List<String> columns, List<List<String>> values)
            throws IOException {
        StringBuilder b = new StringBuilder("path");
        columns.forEach(c -> b.append(',').append(c));
        b.append('\n');
        for (int i = 0; i < files.size(); i++) {
            b.append(CsvLines.quote(files.get(i).toString()));
            if (!columns.isEmpty()) {
                for (String v : values.get(i)) {
                    b.append(',').append(CsvLines.quote(v));
                }
            }
            b.append('\n');
        }
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, b, StandardCharsets.UTF_8);
        return csv;
    }
}
