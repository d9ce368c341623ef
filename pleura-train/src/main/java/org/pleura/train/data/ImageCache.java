package org.pleura.train.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.pleura.image.GrayImage;

/**
 * Every image decoded and resized once to {@code size x size}, stored as 8-bit values in one memory-mapped file
 * (mapped in pieces of at most 2 GiB), with each image's size as decoded in a small file beside it.
 * Decoding a full-size radiograph costs several training steps, so it is done once, not every epoch. The file
 * name is a hash of the size and of each image's path, length and modification time: a changed image or list
 * builds a new cache, an unchanged one is reused across runs (and by {@code --resume}).
 *
 * <pre>{@code
 * ImageCache cache = ImageCache.open(cacheDir, files, 256, ImageSource.imageIo(), 2, done -> {});
 * float[] pixels = cache.pixels(17);      // 256 * 256 values in [0, 1]
 * }</pre>
 */
public final class ImageCache {

    private static final int FORMAT = 3;
    private static final String SIZES = ".sizes";

    private final Path file;
    private final int size;
    private final int count;
    private final int perChunk;
    private final List<MappedByteBuffer> chunks;
    private final int[] sourceSizes;

    private ImageCache(Path file, int size, int count, int perChunk, List<MappedByteBuffer> chunks, int[] sourceSizes) {
        this.file = file;
        this.size = size;
        this.count = count;
        this.perChunk = perChunk;
        this.chunks = chunks;
        this.sourceSizes = sourceSizes;
    }

    /**
     * Opens the cache for these files at this size, building it first if needed.
     *
     * @param dir      where cache files live (created if missing)
     * @param files    the images, in the order {@link #pixels(int)} indexes them
     * @param size     side of the square cached images
     * @param source   how to decode a file
     * @param threads  decoding threads
     * @param progress told the number of images done while building (not called when reused)
     * @throws IOException naming the image that could not be read
     */
    public static ImageCache open(Path dir, List<Path> files, int size, ImageSource source, int threads,
                                  IntConsumer progress) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("images-" + size + "px-" + key(files, size) + ".u8");
        long bytes = (long) files.size() * size * size;
        Path sizes = file.resolveSibling(file.getFileName() + SIZES);
        if (!Files.exists(file) || Files.size(file) != bytes || !Files.exists(sizes)
                || Files.size(sizes) != 8L * files.size()) {
            build(file, files, size, source, threads, progress);
        }
        int[] sourceSizes = new int[2 * files.size()];
        ByteBuffer.wrap(Files.readAllBytes(sizes)).asIntBuffer().get(sourceSizes);
        // a mapping holds at most 2 GiB: large sets (e.g. 100,000 images at 256 px) use several
        int n = size * size;
        int perChunk = Math.max(1, Integer.MAX_VALUE / n);
        List<MappedByteBuffer> chunks = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long first = 0; first < files.size(); first += perChunk) {
                long images = Math.min(perChunk, files.size() - first);
                chunks.add(ch.map(FileChannel.MapMode.READ_ONLY, first * n, images * n));
            }
        }
        return new ImageCache(file, size, files.size(), perChunk, chunks, sourceSizes);
    }

    private static void build(Path file, List<Path> files, int size, ImageSource source, int threads,
                              IntConsumer progress) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        AtomicInteger done = new AtomicInteger();
        int[] sourceSizes = new int[2 * files.size()];
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                final int index = i;
                futures.add(pool.submit(() -> {
                    Path p = files.get(index);
                    GrayImage g;
                    try {
                        g = source.load(p);
                    } catch (IOException | RuntimeException e) {
                        throw new IOException("cannot read training image " + p + ": " + e.getMessage(), e);
                    }
                    sourceSizes[2 * index] = g.width();
                    sourceSizes[2 * index + 1] = g.height();
                    if (g.width() != size || g.height() != size) {
                        g = g.resize(size, size);
                    }
                    byte[] b = new byte[size * size];
                    float[] px = g.pixels();
                    for (int k = 0; k < b.length; k++) {
                        int v = Math.round(px[k] * 255f);
                        b[k] = (byte) (v < 0 ? 0 : Math.min(v, 255));
                    }
                    ByteBuffer buf = ByteBuffer.wrap(b);
                    long pos = (long) index * size * size;
                    while (buf.hasRemaining()) {
                        pos += ch.write(buf, pos);
                    }
                    progress.accept(done.incrementAndGet());
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    throw c instanceof IOException io ? io : new IOException(c.getMessage(), c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while building the image cache", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        ByteBuffer sizes = ByteBuffer.allocate(8 * files.size());
        sizes.asIntBuffer().put(sourceSizes);
        Path sizesTmp = tmp.resolveSibling(file.getFileName() + SIZES + ".partial");
        Files.write(sizesTmp, sizes.array());
        Files.move(sizesTmp, file.resolveSibling(file.getFileName() + SIZES), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String key(List<Path> files, int size) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("pleura-image-cache/" + FORMAT + "/" + size + "\n").getBytes(StandardCharsets.UTF_8));
            for (Path p : files) {
                Path abs = p.toAbsolutePath().normalize();
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(abs, BasicFileAttributes.class);
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new IOException("training image " + abs + " does not exist");
                }
                md.update((abs + "|" + a.size() + "|" + a.lastModifiedTime().toMillis() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Cached image {@code index} as {@code size * size} values in [0, 1]. Thread-safe. */
    public float[] pixels(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("image " + index + " of " + count);
        }
        int n = size * size;
        byte[] b = new byte[n];
        chunks.get(index / perChunk).slice((index % perChunk) * n, n).get(b);
        float[] out = new float[n];
        for (int k = 0; k < n; k++) {
            out[k] = (b[k] & 0xff) / 255f;
        }
        return out;
    }

    /** Width of image {@code index} as decoded, before resizing (the frame of its boxes). */
    public int sourceWidth(int index) {
        return sourceSizes[2 * index];
    }

    /** Height of image {@code index} as decoded, before resizing. */
    public int sourceHeight(int index) {
        return sourceSizes[2 * index + 1];
    }

    /** Side of the cached images. */
    public int size() {
        return size;
    }

    /** Number of images. */
    public int count() {
        return count;
    }

    /** The cache file. */
    public Path file() {
        return file;
    }
}
