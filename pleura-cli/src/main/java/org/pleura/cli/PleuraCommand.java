package org.pleura.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code pleura} command; each stage adds its subcommand here. */
@Command(name = "pleura", mixinStandardHelpOptions = true, version = "pleura 0.1.0",
        description = "Pleura: an AI second reader for chest radiographs. An aid to the reader, not a diagnosis.",
        subcommands = {CommandLine.HelpCommand.class, DumpCommand.class, ConvertCommand.class,
                TrainCommand.class, EvaluateCommand.class, ServeCommand.class, BenchCommand.class, AnalyzeCommand.class,
                InputStatsCommand.class, ExportFeedbackCommand.class, SparkCommand.Batch.class, SparkCommand.Audit.class,
                AdminCommand.class})
public final class PleuraCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with Pleura's error handling: one line per problem, never a stack trace. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new PleuraCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("pleura: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            return 2;
        });
        return cl;
    }
}
