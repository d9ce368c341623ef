package org.pleura.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The data directory of one server and how files get into it safely.
 *
 * <pre>
 * DIR/.lock                        held while a server runs (one server per data directory)
 * DIR/db/                          the embedded H2 database (when no --db is given)
 * DIR/tmp/                         partial uploads; emptied at start
 * DIR/instances/ab/cd/UID.dcm      received objects (ab/cd from a hash of the SOP Instance UID)
 * DIR/results/ab/cd/UID/           analysis.json, overlay.png, sc.dcm, sr.dcm of source UID
 * </pre>
 *
 * Every file is written to {@code tmp/}, forced to disk, renamed atomically to its place, and its directory is
 * forced: after a crash a file is either complete or absent.
 */
public final class DataDirectory implements AutoCloseable {

    private static final long SPACE_CACHE_MS = 1000;

    private final Path root;
    private final Path tmp;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileStore store;
    private volatile long spaceCheckedAt;
    private volatile long usableSpace;

    private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) throws IOException {
        this.root = root;
        this.tmp = root.resolve("tmp");
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.store = Files.getFileStore(root);
    }

    /**
     * Creates the layout if needed, takes the directory lock and empties {@code tmp/}.
     *
     * @throws IOException if the directory cannot be created or another server holds it
     */
    public static DataDirectory open(Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Files.createDirectories(root);
        for (String sub : new String[]{"tmp", "instances", "results", "db"}) {
            Files.createDirectories(root.resolve(sub));
        }
        FileChannel ch = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("data directory " + root + " is in use by another pleura serve");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
        DataDirectory d = new DataDirectory(root, ch, lock);
        d.emptyTemp();
        return d;
    }

    /** The directory itself (absolute). */
    public Path root() {
        return root;
    }

    /** Where the embedded database lives. */
    public Path databaseDirectory() {
        return root.resolve("db");
    }

    /** A new empty file in {@code tmp/} for an object being received. */
    public Path newTempFile(String suffix) throws IOException {
        return Files.createTempFile(tmp, "in-", suffix);
    }

    /** The temporary directory (same file system as the store: renames, no copies). */
    public Path tempDirectory() {
        return tmp;
    }

    /** Relative path of a received object, e.g. {@code instances/3f/a2/1.2.3.dcm}. */
    public static String instancePath(String sopUid, String extension) {
        String h = hash(sopUid);
        return "instances/" + h.substring(0, 2) + "/" + h.substring(2, 4) + "/" + sopUid + extension;
    }

    /** Relative directory of the results of one source object, e.g. {@code results/3f/a2/1.2.3}. */
    public static String resultsPath(String sopUid) {
        String h = hash(sopUid);
        return "results/" + h.substring(0, 2) + "/" + h.substring(2, 4) + "/" + sopUid;
    }

    /**
     * The absolute path of a relative one, refusing anything that would leave the data directory.
     *
     * @throws IllegalArgumentException for absolute paths or {@code ..}
     */
    public Path resolve(String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root) || Path.of(relative).isAbsolute()) {
            throw new IllegalArgumentException("path outside the data directory: " + relative);
        }
        return p;
    }

    /** Moves a complete temporary file (forced to disk first) to its place, atomically; its directory is forced. */
    public void place(Path temp, String relative) throws IOException {
        force(temp);
        Path target = resolve(relative);
        createDirectories(target.getParent());
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(target.getParent());
    }

    /**
     * Creates the parent directories of {@code relative} durably (each new directory's entry forced to disk) and
     * returns the absolute path, ready for an atomic rename into it.
     */
    public Path prepare(String relative) throws IOException {
        Path target = resolve(relative);
        createDirectories(target.getParent());
        return target;
    }

    /** Writes bytes durably at {@code relative} (temporary file, force, atomic rename, force directory). */
    public void write(String relative, byte[] bytes) throws IOException {
        Path temp = newTempFile(".part");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
            }
            place(temp, relative);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Copies a stream into a new temporary file, stopping at {@code maxBytes}.
     *
     * @return the file, or empty (file deleted) when the stream had more than {@code maxBytes}
     */
    public java.util.Optional<Path> receive(InputStream in, long maxBytes, String suffix) throws IOException {
        Path temp = newTempFile(suffix);
        boolean ok = false;
        try (OutputStream out = Files.newOutputStream(temp)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes) {
                    return java.util.Optional.empty();
                }
                out.write(buf, 0, n);
            }
            ok = true;
            return java.util.Optional.of(temp);
        } finally {
            if (!ok) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Free space for Pleura on the data disk, refreshed at most once a second. */
    public long usableSpace() {
        long now = System.currentTimeMillis();
        if (now - spaceCheckedAt > SPACE_CACHE_MS) {
            try {
                usableSpace = store.getUsableSpace();
            } catch (IOException e) {
                usableSpace = 0;
            }
            spaceCheckedAt = now;
        }
        return usableSpace;
    }

    /** Forces a file's content to disk. */
    public static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Forces a directory entry to disk (where the platform allows opening a directory). */
    public static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // not supported here: the rename is as durable as the file system makes it
        }
    }

    private void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        createDirectories(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return;
        }
        forceDirectory(dir.getParent());
    }

    private void emptyTemp() throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(tmp)) {
            for (Path p : s) {
                if (Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String hash(String uid) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(uid.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(d, 0, 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
