package org.pleura.server.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The server's metrics. Counters and histograms are updated by the code that observes the event; gauges are
 * computed when scraped. Labels are fixed, low-cardinality values (channel, outcome, route template, state),
 * never patient data or UIDs.
 *
 * <pre>{@code
 * metrics.counter("pleura_received_total", "Objects received", "channel", "dimse", "outcome", "stored").increment();
 * metrics.histogram("pleura_time_to_result_seconds", "Reception to acknowledgement", Metrics.LATENCY_BUCKETS).observe(3.2);
 * String text = metrics.scrape();
 * }</pre>
 */
public final class Metrics {

    /** Buckets (seconds) for latencies from sub-second to an hour. */
    public static final double[] LATENCY_BUCKETS = {0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600};

    private record Family(String name, String help, String type) {
    }

    private final Map<String, Family> families = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> counters = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Histogram>> histograms = new ConcurrentHashMap<>();
    private final Map<String, Supplier<Map<String, Double>>> gauges = new ConcurrentHashMap<>();
    private final Map<String, RateWindow> rates = new ConcurrentHashMap<>();

    /** A counter with labels given as name/value pairs. */
    public LongAdder counter(String name, String help, String... labels) {
        family(name, help, "counter");
        return counters.computeIfAbsent(name, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(labels(labels), k -> new LongAdder());
    }

    /** A histogram with these buckets and labels. */
    public Histogram histogram(String name, String help, double[] buckets, String... labels) {
        family(name, help, "histogram");
        return histograms.computeIfAbsent(name, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(labels(labels), k -> new Histogram(buckets));
    }

    /** A gauge without labels, computed at each scrape. */
    public void gauge(String name, String help, Supplier<Double> value) {
        family(name, help, "gauge");
        gauges.put(name, () -> Map.of("", value.get()));
    }

    /** A gauge with several labelled values (label text such as {@code kind="route",state="queued"}). */
    public void gaugeFamily(String name, String help, Supplier<Map<String, Double>> values) {
        family(name, help, "gauge");
        gauges.put(name, values);
    }

    /**
     * An event rate over the last minute, exposed as a gauge in events per second.
     *
     * @return call {@link RateWindow#mark()} at each event
     */
    public RateWindow rate(String name, String help) {
        family(name, help, "gauge");
        return rates.computeIfAbsent(name, k -> new RateWindow(60_000));
    }

    /** Label text for pairs: {@code ("kind", "route")} gives {@code kind="route"}. */
    public static String labels(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(pairs[i]).append("=\"").append(escape(pairs[i + 1])).append('"');
        }
        return b.toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private void family(String name, String help, String type) {
        Family f = families.computeIfAbsent(name, n -> new Family(n, help, type));
        if (!f.type().equals(type)) {
            throw new IllegalArgumentException(name + " is a " + f.type() + ", not a " + type);
        }
    }

    /** The current values in the Prometheus text exposition format (version 0.0.4). */
    public String scrape() {
        StringBuilder out = new StringBuilder();
        for (Family f : new TreeMap<>(families).values()) {
            List<String> lines = new ArrayList<>();
            switch (f.type()) {
                case "counter" -> counters.getOrDefault(f.name(), Map.of()).entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(e -> lines.add(series(f.name(), e.getKey(), e.getValue().sum())));
                case "histogram" -> histograms.getOrDefault(f.name(), Map.of()).entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(e -> e.getValue().render(f.name(), e.getKey(), lines));
                default -> {
                    RateWindow rate = rates.get(f.name());
                    if (rate != null) {
                        lines.add(series(f.name(), "", rate.perSecond()));
                    } else {
                        Supplier<Map<String, Double>> g = gauges.get(f.name());
                        Map<String, Double> values;
                        try {
                            values = g == null ? Map.of() : new TreeMap<>(g.get());
                        } catch (RuntimeException e) {
                            values = Map.of();
                        }
                        values.forEach((l, v) -> lines.add(series(f.name(), l, v)));
                    }
                }
            }
            if (lines.isEmpty()) {
                continue;
            }
            out.append("# HELP ").append(f.name()).append(' ').append(f.help()).append('\n');
            out.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
            lines.forEach(l -> out.append(l).append('\n'));
        }
        return out.toString();
    }

    static String series(String name, String labels, double value) {
        return name + (labels.isEmpty() ? "" : "{" + labels + "}") + " " + number(value);
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** A cumulative histogram: bucket counts, sum and count. */
    public static final class Histogram {
        private final double[] bounds;
        private final AtomicLongArray counts;
        private final DoubleAdder sum = new DoubleAdder();
        private final LongAdder count = new LongAdder();

        Histogram(double[] bounds) {
            this.bounds = bounds.clone();
            this.counts = new AtomicLongArray(bounds.length);
        }

        /** Records one value. */
        public void observe(double value) {
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) {
                    counts.incrementAndGet(i);
                    break;
                }
            }
            sum.add(value);
            count.increment();
        }

        /** Values recorded. */
        public long count() {
            return count.sum();
        }

        /** Sum of the values recorded. */
        public double sum() {
            return sum.sum();
        }

        void render(String name, String labels, List<String> lines) {
            long cumulative = 0;
            String sep = labels.isEmpty() ? "" : labels + ",";
            for (int i = 0; i < bounds.length; i++) {
                cumulative += counts.get(i);
                lines.add(name + "_bucket{" + sep + "le=\"" + number(bounds[i]) + "\"} " + cumulative);
            }
            lines.add(name + "_bucket{" + sep + "le=\"+Inf\"} " + count.sum());
            lines.add(series(name + "_sum", labels, sum.sum()));
            lines.add(series(name + "_count", labels, count.sum()));
        }
    }

    /** Events in a sliding window, as a rate. */
    public static final class RateWindow {
        private final long windowMillis;
        private final ConcurrentLinkedDeque<Long> marks = new ConcurrentLinkedDeque<>();

        RateWindow(long windowMillis) {
            this.windowMillis = windowMillis;
        }

        /** Records one event now. */
        public void mark() {
            long now = System.currentTimeMillis();
            marks.addLast(now);
            trim(now);
        }

        /** Events per second over the window. */
        public double perSecond() {
            trim(System.currentTimeMillis());
            return marks.size() / (windowMillis / 1000.0);
        }

        private void trim(long now) {
            Long first;
            while ((first = marks.peekFirst()) != null && first < now - windowMillis) {
                marks.pollFirst();
            }
        }
    }

    /** Label map helper for gauge families: one entry per value. */
    public static Map<String, Double> single(String labels, double value) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(labels, value);
        return m;
    }
}
