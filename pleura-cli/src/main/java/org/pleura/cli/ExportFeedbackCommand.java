package org.pleura.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.pleura.server.audit.AuditAction;
import org.pleura.server.audit.AuditEntry;
import org.pleura.server.audit.AuditTrail;
import org.pleura.server.config.ConfigResolver;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.config.Setting;
import org.pleura.server.db.Database;
import org.pleura.server.db.DatabaseException;
import org.pleura.server.feedback.ExportSink;
import org.pleura.server.feedback.ExportSummary;
import org.pleura.server.feedback.FeedbackExport;
import org.pleura.server.store.DataDirectory;
import org.pleura.server.web.ModelCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pleura export-feedback --out DIR [--data DIR | --db URL]}: radiologists' feedback as a training set
 * ({@code manifest.csv}, {@code boxes.csv}, {@code images/}) that {@code pleura train --manifest} reads directly.
 * Wiring only: the export is {@link FeedbackExport}; the settings resolve as for {@code pleura serve}.
 */
@Command(name = "export-feedback", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Export radiologists' feedback from a pleura serve data directory as a training set.",
                "Writes DIR/manifest.csv (path, patient_id, source, one label column per finding: 1, 0 or empty),",
                "DIR/boxes.csv (path,finding,x,y,w,h: findings the radiologists added as missed) and DIR/images/*.png.",
                "Labels: added finding 1; agree with positive 1, disagree 0; agree with negative 0, disagree 1;",
                "doubtful calls and readers who contradict each other: unknown. Names and patient IDs are keyed",
                "hashes. Train with: pleura train --manifest DIR/manifest.csv --out PKG"},
        footer = {"", "The embedded database can be read only while pleura serve is stopped; with PostgreSQL too"
                + " (one program at a time). A running server exports from Administration > Radiologists' feedback."})
public final class ExportFeedbackCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New or empty folder for the export.")
    Path out;

    @Option(names = "--data", paramLabel = "DIR",
            description = "pleura serve's data directory (default: $PLEURA_HOME/data, i.e. ~/.pleura/data).")
    String data;

    @Option(names = "--db", paramLabel = "URL", description = "JDBC URL, e.g. jdbc:postgresql://host/pleura "
            + "(default: the embedded database of the data directory).")
    String db;

    @Option(names = "--db-user", paramLabel = "USER", description = "Database user.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "Database password (prefer PLEURA_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--model", paramLabel = "PKG", description = "Model package whose catalogue orders the label "
            + "columns (default: PLEURA_MODEL or the bundled model; without one, the findings met, by name).")
    String model;

    @Option(names = "--config", paramLabel = "FILE", description = "pleura serve's settings file.")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        Map<Setting, List<String>> flags = new EnumMap<>(Setting.class);
        put(flags, Setting.DATA, data);
        put(flags, Setting.DB, db);
        put(flags, Setting.DB_USER, dbUser);
        put(flags, Setting.DB_PASSWORD, dbPassword);
        put(flags, Setting.MODEL, model);
        ServerConfig c = ConfigResolver.resolve(flags, System.getenv(), Optional.ofNullable(config));
        if (c.model().isEmpty()) {
            try {
                c = c.toBuilder().model(DefaultModel.locateSetting()).build();
            } catch (IllegalStateException e) {
                // no catalogue: label columns follow the findings met
            }
        }
        if (!Files.isDirectory(c.dataDir().resolve("instances"))) {
            throw new IllegalArgumentException("no pleura serve data directory at " + c.dataDir().toAbsolutePath()
                    + " (give --data DIR)");
        }
        if (Files.exists(out) && (!Files.isDirectory(out) || !isEmpty(out))) {
            throw new IllegalArgumentException(out + " is not an empty folder: choose a new or empty one");
        }
        List<String> order = ModelCatalogue.of(c.model()).ids();
        try (DataDirectory dir = open(c.dataDir());
             Database database = openDatabase(c, dir)) {
            Files.createDirectories(out);
            ExportSummary summary = FeedbackExport.of(database, dir.root(), order, System.currentTimeMillis()).write(ExportSink.folder(out));
            new AuditTrail(database).record(new AuditEntry(System.getProperty("user.name", "cli"), "system",
                    AuditAction.EXPORT_FEEDBACK, out.toAbsolutePath().toString(), "pleura export-feedback: "
                    + summary.describe(), "local"));
            stdout.println("pleura export-feedback: " + summary.describe());
            for (String s : summary.skipped()) {
                stdout.println("  skipped " + s);
            }
            stdout.println("wrote " + out.resolve("manifest.csv") + ", " + out.resolve("boxes.csv") + " and "
                    + summary.images() + " image(s) in " + out.resolve("images"));
            stdout.println("train with: pleura train --manifest " + out.resolve("manifest.csv") + " --out PKG");
            stdout.flush();
        }
        return 0;
    }

    private static DataDirectory open(Path data) throws IOException {
        try {
            return DataDirectory.open(data);
        } catch (IOException e) {
            throw new IOException(e.getMessage() + ": stop it first, or export from its web page (Administration > "
                    + "Radiologists' feedback)", e);
        }
    }

    private static Database openDatabase(ServerConfig c, DataDirectory dir) {
        String url = c.dbUrl().isEmpty()
                ? "jdbc:h2:file:" + dir.databaseDirectory().resolve("pleura") + ";WRITE_DELAY=0" : c.dbUrl();
        try {
            return Database.open(url, c.dbUser(), c.dbPassword(), 2);
        } catch (DatabaseException e) {
            throw new DatabaseException(e.getMessage() + " (while pleura serve runs, export from its web page: "
                    + "Administration > Radiologists' feedback)", e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void put(Map<Setting, List<String>> f, Setting s, String v) {
        if (v != null) {
            f.put(s, List.of(v));
        }
    }
}
