package org.pleura.batch.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.pleura.batch.BatchException;

/**
 * The lock a run holds on its output folder: an operating-system lock on {@code OUT/.lock}, so that two runs never
 * write one folder at once, and a run killed with {@code kill -9} leaves no stale lock behind (the system releases
 * it with the process). The file says who holds it.
 */
public final class OutputLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of an output folder (creating the folder).
     *
     * @throws BatchException when another run holds it, naming the lock file and its holder
     */
    public static OutputLock acquire(BatchOutput output, Clock clock) throws BatchException {
        FileChannel channel = null;
        try {
            Files.createDirectories(output.root());
            channel = FileChannel.open(output.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(output.lock(), StandardCharsets.UTF_8).strip();
                channel.close();
                throw new BatchException("another pleura batch is writing to " + output.root() + " (" + output.lock()
                        + ": " + (holder.isEmpty() ? "held" : holder) + "); wait for it to finish");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + clock.instant() + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            return new OutputLock(channel, lock);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // the lock was not taken; the first problem is the one to report
                }
            }
            throw new BatchException(output.lock() + ": cannot take the output lock (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
    }
}
