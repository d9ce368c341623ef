package org.pleura.server.web;

import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.pleura.server.worklist.Worklist;

/**
 * Live updates of the worklist by Server-Sent Events ({@code GET /api/reading/events}): one thread looks at the
 * worklist's {@link Worklist#stamp() stamp} every second and sends a {@code worklist} event to every open
 * page when it changed (a study arrived, an analysis ended, a reader gave feedback); a comment every 20 seconds
 * keeps proxies from closing idle connections. The page then reloads its list; the events carry no patient data.
 */
public final class WorklistEvents implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("org.pleura.server.web");

    private final Supplier<String> stamp;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private volatile String last = "";
    private long ticks;

    public WorklistEvents(Supplier<String> stamp) {
        this.stamp = stamp;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pleura-worklist-events");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** The handler of the events route. */
    public SseHandler handler() {
        return new SseHandler(0, client -> {
            client.keepAlive();
            clients.add(client);
            client.onClose(() -> clients.remove(client));
            client.sendEvent("hello", last);
        });
    }

    /** Open pages. */
    public int listeners() {
        return clients.size();
    }

    private void tick() {
        try {
            ticks++;
            if (clients.isEmpty()) {
                return;
            }
            String now = stamp.get();
            boolean changed = !now.equals(last);
            last = now;
            for (SseClient c : clients) {
                if (c.terminated()) {
                    clients.remove(c);
                } else if (changed) {
                    c.sendEvent("worklist", now);
                } else if (ticks % 20 == 0) {
                    c.sendComment("keep-alive");
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "worklist events: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        for (SseClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        clients.clear();
    }
}
