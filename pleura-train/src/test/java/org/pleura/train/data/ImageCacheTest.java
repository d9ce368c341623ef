package org.pleura.train.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pleura.image.GrayImage;
import org.pleura.testsupport.SharedData;

class ImageCacheTest {

    @TempDir
    Path tmp;

    @Test
    void decodesOnceAndReturnsTheResizedImage() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(SharedData.data("nih-cxr").resolve("images"))) {
            files = s.sorted().limit(5).toList();
        }
        AtomicInteger decoded = new AtomicInteger();
        ImageSource counting = f -> {
            decoded.incrementAndGet();
            return ImageSource.imageIo().load(f);
        };
        ImageCache cache = ImageCache.open(tmp, files, 48, counting, 2, d -> { });
        assertEquals(5, decoded.get());
        GrayImage expected = ImageSource.imageIo().load(files.get(3)).resize(48, 48);
        float[] got = cache.pixels(3);
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected.pixels()[i], got[i], 0.5f / 255 + 1e-6f);
        }
        assertEquals(512, cache.sourceWidth(3), "the NIH images are 512 px");
        assertEquals(512, cache.sourceHeight(3));
        ImageCache again = ImageCache.open(tmp, files, 48, counting, 2, d -> { });
        assertEquals(512, again.sourceWidth(3), "sizes are kept with the cache");
        assertEquals(5, decoded.get(), "the second open reuses the cache file");
        assertArrayEquals(got, again.pixels(3));
        ImageCache other = ImageCache.open(tmp, files.subList(0, 4), 48, counting, 2, d -> { });
        assertEquals(9, decoded.get(), "another list of images is another cache");
        assertNotEquals(again.file(), other.file());
    }

    @Test
    void aMissingImageIsNamed() {
        Path missing = tmp.resolve("nope.png");
        Exception e = assertThrows(java.io.IOException.class,
                () -> ImageCache.open(tmp, List.of(missing), 32, ImageSource.imageIo(), 1, d -> { }));
        assertTrue(e.getMessage().contains("nope.png"), e.getMessage());
    }
}
