package org.pleura.train.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoxesFileTest {

  @TempDir Path dir;

  private BoxesFile read(String text) throws Exception {
    Path f = dir.resolve("boxes.csv");
    Files.writeString(f, text);
    return BoxesFile.read(f);
  }

  @Test
  void readsBoxesInAnyColumnOrderAndGroupsThem() throws Exception {
    BoxesFile b = read("finding,path,x,y,w,h,source_label\n"
        + "effusion,a.png,1,2,3,4,Effusion\n"
        + "nodule,a.png,10.5,20,5,6,Mass\n"
        + "effusion,a.png,7,8,9,10,Effusion\n");
    assertEquals(3, b.boxes().size());
    assertEquals(List.of(new LabeledBox("a.png", "effusion", 1, 2, 3, 4), new LabeledBox("a.png", "effusion", 7, 8, 9, 10)),
        b.boxes("a.png", "effusion"));
    assertEquals(List.of("effusion", "nodule"), List.copyOf(b.byFinding().keySet()));
    assertEquals(10.5, b.boxes("a.png", "nodule").get(0).x());
  }

  @Test
  void malformedBoxesAreReportedWithTheirLine() {
    ManifestException missing = assertThrows(ManifestException.class, () -> read("path,finding,x,y,w\n"));
    assertTrue(missing.getMessage().contains("no 'h' column"), missing.getMessage());
    ManifestException nan = assertThrows(ManifestException.class,
        () -> read("path,finding,x,y,w,h\na.png,effusion,1,2,3,4\na.png,effusion,1,two,3,4\n"));
    assertEquals(3, nan.line());
    assertTrue(nan.getMessage().contains("'y' is 'two', not a number"), nan.getMessage());
    ManifestException empty = assertThrows(ManifestException.class,
        () -> read("path,finding,x,y,w,h\na.png,effusion,1,2,0,4\n"));
    assertTrue(empty.getMessage().contains("width and height must be positive"), empty.getMessage());
  }
}
