package org.pleura.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph of every module's main classes, read by the JDK's {@code jdeps}: no package cycle anywhere, and
 * each module depends only on the stages to its left (README, Architecture).
 */
class PackageGraphTest {

    /** The stages in data-flow order: a module may use only modules before it. */
    private static final List<String> STAGES = List.of("dicom", "image", "model", "train", "results", "server", "bench",
            "cli");

    /** pleura-server's domain packages: they know nothing of HTTP (neither the server's HTTP packages nor Javalin). */
    private static final List<String> SERVER_DOMAIN = List.of("auth", "audit", "db", "queue", "store", "work",
            "worklist", "analysis", "dimse", "config", "metrics", "feedback", "admin", "tls");
    /** pleura-server's HTTP packages. */
    private static final List<String> SERVER_HTTP = List.of("http", "rest", "dicomweb", "fhir", "web", "auth.api");

    private static Map<String, Set<String>> graph() throws Exception {
        return graph("org\\.pleura\\..*", "org.pleura");
    }

    /** Edges from pleura packages to packages matching {@code regex} whose names start with {@code prefix}. */
    private static Map<String, Set<String>> graph(String regex, String prefix) throws Exception {
        Optional<ToolProvider> jdeps = ToolProvider.findFirst("jdeps");
        assumeTrue(jdeps.isPresent(), "skipped: this JDK has no jdeps");
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> args = new ArrayList<>(List.of("-verbose:package", "-e", regex));
        try (Stream<Path> modules = Files.list(root)) {
            modules.filter(p -> p.getFileName().toString().startsWith("pleura-"))
                    .map(p -> p.resolve("target/classes")).filter(Files::isDirectory)
                    .forEach(p -> args.add(p.toString()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = jdeps.get().run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, args.toArray(String[]::new));
        assertEquals(0, rc, out.toString(StandardCharsets.UTF_8));
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 3 && f[1].equals("->") && f[0].startsWith("org.pleura") && f[2].startsWith(prefix)
                    && !f[0].equals(f[2])) {
                edges.computeIfAbsent(f[0], k -> new TreeSet<>()).add(f[2]);
            }
        }
        assertTrue(edges.size() > 20, "jdeps found the packages: " + edges.keySet());
        return edges;
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() throws Exception {
        Map<String, Set<String>> g = graph();
        List<List<String>> cycles = stronglyConnected(g).stream().filter(c -> c.size() > 1).toList();
        assertTrue(cycles.isEmpty(), "package cycles: " + cycles);
    }

    @Test
    void eachStageUsesOnlyTheStagesBeforeIt() throws Exception {
        List<String> wrong = new ArrayList<>();
        graph().forEach((from, tos) -> {
            for (String to : tos) {
                int a = stage(from);
                int b = stage(to);
                if (a >= 0 && b >= 0 && b > a) {
                    wrong.add(from + " -> " + to);
                }
            }
        });
        assertTrue(wrong.isEmpty(), "a stage uses a later stage: " + wrong);
    }

    @Test
    void theServersDomainKnowsNothingOfHttp() throws Exception {
        List<String> wrong = new ArrayList<>();
        String pleuraOrHttp = "(org\\.pleura|io\\.javalin|jakarta\\.servlet|org\\.eclipse\\.jetty)\\..*";
        graph(pleuraOrHttp, "").forEach((from, tos) -> {
            if (!SERVER_DOMAIN.contains(serverPackage(from))) {
                return;
            }
            for (String to : tos) {
                if (!to.startsWith("org.pleura") || SERVER_HTTP.contains(serverPackage(to))) {
                    wrong.add(from + " -> " + to);
                }
            }
        });
        assertTrue(wrong.isEmpty(), "a domain package of the server uses HTTP: " + wrong);
    }

    /** {@code auth.api} for {@code org.pleura.server.auth.api}; "" outside pleura-server. */
    private static String serverPackage(String pkg) {
        String prefix = "org.pleura.server.";
        return pkg.startsWith(prefix) ? pkg.substring(prefix.length()) : "";
    }

    private static int stage(String pkg) {
        String[] p = pkg.split("\\.");
        return p.length > 2 ? STAGES.indexOf(p[2]) : -1;
    }

    /** Tarjan's strongly connected components. */
    private static List<List<String>> stronglyConnected(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> on = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        Set<String> nodes = new TreeSet<>(g.keySet());
        g.values().forEach(nodes::addAll);
        for (String n : nodes) {
            if (!index.containsKey(n)) {
                visit(n, g, index, low, stack, on, out, counter);
            }
        }
        return out;
    }

    private static void visit(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low,
                              Deque<String> stack, Set<String> on, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        on.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                visit(w, g, index, low, stack, on, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (on.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> c = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                on.remove(w);
                c.add(w);
            } while (!w.equals(v));
            out.add(c);
        }
    }
}
