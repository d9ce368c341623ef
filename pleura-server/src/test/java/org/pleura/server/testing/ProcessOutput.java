package org.pleura.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process's merged output, read line by line by a thread that copies it to a log file: a test blocks until the
 * line it expects was printed (woken by each new line, or by the end of the output), never polls the file.
 */
public final class ProcessOutput {

    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private boolean ended;

    private ProcessOutput(Process process, Path log) throws IOException {
        Writer file = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        reader = new Thread(() -> {
            try (file; BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    file.write(line);
                    file.write('\n');
                    file.flush();
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process was killed: its output ends here
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }, "output of " + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Follows the output of a process started with {@code redirectErrorStream(true)} and a piped output. */
    public static ProcessOutput follow(Process process, Path log) throws IOException {
        return new ProcessOutput(process, log);
    }

    /** Lines printed so far that match. */
    public synchronized long count(Predicate<String> matching) {
        return lines.stream().filter(matching).count();
    }

    /**
     * Blocks until more than {@code seen} lines match, the output ended, or the timeout passed.
     *
     * @return the matching lines by then
     */
    public synchronized long awaitMoreThan(long seen, Predicate<String> matching, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long n;
        while ((n = count(matching)) <= seen && !ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return n;
    }

    /** Blocks until a line matches and returns the first one; empty when the output ended or the timeout passed. */
    public Optional<String> awaitLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
        awaitMoreThan(0, matching, timeout);
        synchronized (this) {
            return lines.stream().filter(matching).findFirst();
        }
    }

    /** Waits until the whole output was read and written to the log (the process has ended). */
    public void awaitEnd(Duration timeout) throws InterruptedException {
        reader.join(timeout.toMillis());
        if (reader.isAlive()) {
            throw new AssertionError("the output did not end within " + timeout);
        }
    }
}
