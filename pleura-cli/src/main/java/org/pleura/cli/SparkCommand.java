package org.pleura.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code pleura batch} and {@code pleura audit} run on Apache Spark from the batch jar
 * ({@code pleura-batch/target/pleura-batch.jar}), which the {@code ./pleura} launcher runs directly; when this jar is
 * run instead, these commands start the batch jar in a child JVM with the same arguments, so that pleura-cli itself
 * never loads Spark.
 */
abstract class SparkCommand implements Callable<Integer> {

    @CommandLine.Unmatched
    List<String> args = new ArrayList<>();

    abstract String name();

    @Override
    public Integer call() throws Exception {
        Path jar = DefaultModel.installationRoot().map(r -> r.resolve("pleura-batch/target/pleura-batch.jar"))
                .orElse(Path.of("pleura-batch/target/pleura-batch.jar"));
        if (!Files.isRegularFile(jar)) {
            System.err.println("pleura " + name() + ": the batch jar " + jar + " is absent; build it (mvn -DskipTests "
                    + "package) or run ./pleura " + name());
            return 2;
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx") || a.startsWith("-D")).toList());
        cmd.addAll(List.of("-jar", jar.toString(), name()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    @Command(name = "batch", description = "Analyse an archive on Apache Spark: Parquet findings and outcomes, resumable "
            + "(docs/batch.md). Runs the batch jar; 'pleura batch --help' for the options.")
    static final class Batch extends SparkCommand {
        @Override
        String name() {
            return "batch";
        }
    }

    @Command(name = "audit", description = "Flagged by the model, negative in prior reports: per finding, ranked by score "
            + "(docs/batch.md). Runs the batch jar; 'pleura audit --help' for the options.")
    static final class Audit extends SparkCommand {
        @Override
        String name() {
            return "audit";
        }
    }
}
