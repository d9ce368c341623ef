package org.pleura.batch.analysis;

import java.util.HashMap;
import java.util.Map;
import org.pleura.model.pkg.InvalidModelPackageException;
import org.pleura.results.pipeline.Analyzer;

/**
 * One {@link Analyzer} per executor JVM and {@link AnalyzerSpec}, loaded by the first task that needs it and shared
 * by the tasks that run at once on that executor (the analyzer is thread-safe). Closed when the JVM exits.
 */
public final class AnalyzerHolder {

    private static final Map<AnalyzerSpec, Analyzer> LOADED = new HashMap<>();
    private static boolean hookInstalled;

    private AnalyzerHolder() {
    }

    /**
     * The analyzer of a spec, loading it on first use.
     *
     * @throws IllegalStateException naming the package when it cannot be loaded
     */
    public static synchronized Analyzer get(AnalyzerSpec spec) {
        Analyzer a = LOADED.get(spec);
        if (a != null) {
            return a;
        }
        try {
            a = Analyzer.load(spec.modelPaths(), spec.options());
        } catch (InvalidModelPackageException e) {
            throw new IllegalStateException("cannot load the model packages " + spec.models() + ": " + e.getMessage(), e);
        }
        LOADED.put(spec, a);
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(AnalyzerHolder::closeAll, "pleura-analyzers-close"));
            hookInstalled = true;
        }
        return a;
    }

    /** Closes every loaded analyzer (the next {@link #get} loads again). */
    public static synchronized void closeAll() {
        LOADED.values().forEach(Analyzer::close);
        LOADED.clear();
    }
}
