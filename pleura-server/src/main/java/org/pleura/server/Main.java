package org.pleura.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pleura.server.config.ConfigException;
import org.pleura.server.config.ConfigResolver;
import org.pleura.server.config.ServerConfig;
import org.pleura.server.config.Setting;

/**
 * Runs the server without the {@code pleura} command line (tests start it as a separate process, benchmarks too):
 * {@code java -cp ... org.pleura.server.Main --data DIR --http-port 8080 --route PACS@host:104 ...}, the same flags
 * as {@code pleura serve}. Prints {@code pleura serve: ready http=PORT dicom=PORT} on standard output once ready.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        logFormat();
        ServerConfig config;
        try {
            config = parse(args, System.getenv());
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("pleura serve: " + e.getMessage());
            System.exit(2);
            return;
        }
        PleuraServer server;
        try {
            server = PleuraServer.start(config);
        } catch (ServerStartException e) {
            System.err.println("pleura serve: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "pleura-shutdown"));
        System.out.println("pleura serve: ready http=" + server.httpPort() + " dicom=" + server.dicomPort());
        System.out.flush();
        server.awaitShutdown();
    }

    /** One-line log records unless the user configured java.util.logging. */
    public static void logFormat() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        }
    }

    /** The configuration from {@code --flag value} or {@code --flag=value} arguments, the environment and the file. */
    public static ServerConfig parse(String[] args, Map<String, String> env) {
        Map<Setting, List<String>> flags = new EnumMap<>(Setting.class);
        Optional<Path> file = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + a + "' (settings are --name value)");
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new ConfigException("--" + name + " needs a value");
            }
            if (name.equals("config")) {
                file = Optional.of(Path.of(value));
                continue;
            }
            String n = name;
            Setting s = Setting.forKey(name).orElseThrow(() -> new ConfigException("unknown setting --" + n));
            List<String> values = flags.computeIfAbsent(s, k -> new ArrayList<>());
            if (!s.repeatable()) {
                values.clear();
            }
            values.add(value);
        }
        return ConfigResolver.resolve(flags, env, file);
    }
}
