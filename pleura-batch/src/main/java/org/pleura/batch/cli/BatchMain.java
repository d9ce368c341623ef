package org.pleura.batch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the batch jar ({@code java -jar pleura-batch/target/pleura-batch.jar batch|audit ...}, or the
 * {@code --class} of {@code spark-submit}). Errors are one line naming the file, never a stack trace; exit status 2.
 */
@Command(name = "pleura", mixinStandardHelpOptions = true, version = "pleura 0.1.0",
        description = "Pleura on Apache Spark: batch analysis of an archive and its audit.",
        subcommands = {CommandLine.HelpCommand.class, BatchCommand.class, AuditCommand.class})
public final class BatchMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        int status = newCommandLine().execute(args);
        System.exit(status);
    }

    /** The command line with one-line errors. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new BatchMain());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("pleura " + commandLine.getCommandName() + ": "
                    + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            return 2;
        });
        return cl;
    }
}
