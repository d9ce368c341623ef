package org.pleura.batch.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.pleura.batch.BatchException;

/**
 * The runs committed in an output folder. A run's tables count only once its record is written, after both tables:
 * a run killed half-way leaves directories without a record, which readers ignore and the next run deletes (under
 * the lock) before it starts, so a killed run's images are simply analysed again and no row is ever counted twice.
 */
public final class RunLedger {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final BatchOutput output;

    public RunLedger(BatchOutput output) {
        this.output = output;
    }

    /** The committed runs, in commit order. */
    public List<RunRecord> committed() throws BatchException {
        Path dir = output.runs();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RunRecord> runs = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    runs.add(JSON.readValue(p.toFile(), RunRecord.class));
                } catch (IOException e) {
                    throw new BatchException(p + ": unreadable run record (" + e.getMessage() + ")", e);
                }
            }
        } catch (IOException e) {
            throw new BatchException(dir + ": cannot list the runs (" + e.getMessage() + ")", e);
        }
        runs.sort(Comparator.comparing(RunRecord::run));
        return runs;
    }

    /** Commits a run: its tables count from now on. */
    public void commit(RunRecord run) throws BatchException {
        Path file = output.runs().resolve(run.run() + ".json");
        Path tmp = output.runs().resolve("." + run.run() + ".json.tmp");
        try {
            Files.createDirectories(output.runs());
            JSON.writeValue(tmp.toFile(), run);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new BatchException(file + ": cannot commit the run (" + e.getMessage() + ")", e);
        }
    }

    /** Deletes the table directories of runs that were never committed (a killed run's); returns how many. */
    public int removeUncommitted() throws BatchException {
        Set<String> committed = new HashSet<>();
        committed().forEach(r -> committed.add("run=" + r.run()));
        int removed = 0;
        for (Path table : List.of(output.findings(), output.outcomes())) {
            if (!Files.isDirectory(table)) {
                continue;
            }
            try (Stream<Path> s = Files.list(table)) {
                for (Path run : s.toList()) {
                    String n = run.getFileName().toString();
                    if (n.startsWith("run=") && !committed.contains(n)) {
                        deleteTree(run);
                        removed++;
                    }
                }
            } catch (IOException e) {
                throw new BatchException(table + ": cannot remove an unfinished run (" + e.getMessage() + ")", e);
            }
        }
        return removed;
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
