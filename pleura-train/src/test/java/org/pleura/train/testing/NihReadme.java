package org.pleura.train.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counts the NIH subset's README states, read from the README itself so that tests follow the data when it
 * grows: images, patients, views, positives per split and boxes.
 *
 * @param images the number of radiographs
 * @param patients the number of patients
 * @param apViews images with view AP
 * @param paViews images with view PA
 * @param positives positives per label column: train, val, test
 * @param boxes radiologist boxes in boxes.csv
 * @param sourceImages images per {@code source} (the README's source table)
 */
public record NihReadme(int images, int patients, int apViews, int paViews, Map<String, int[]> positives, int boxes,
    Map<String, Integer> sourceImages) {

  private static final Pattern HEADLINE = Pattern.compile(
      "([\\d,]+) frontal chest radiographs \\(PA and AP\\) from ([\\d,]+) patients \\(([\\d,]+) AP, ([\\d,]+) PA views\\)");
  private static final Pattern POSITIVES = Pattern.compile("Positives per split[^:]*:(.*)");
  private static final Pattern COUNT = Pattern.compile("([a-z_]+) (\\d+)/(\\d+)/(\\d+)");
  private static final Pattern BOXES = Pattern.compile("`path, finding, x, y, w, h, source_label`: ([\\d,]+) boxes");
  private static final Pattern SOURCE_ROW = Pattern.compile("^\\| `([a-z_]+)` [^|]*\\| ([\\d,]+) \\|", Pattern.MULTILINE);

  /** @return the README of the NIH folder, parsed; fails naming the sentence that is missing */
  public static NihReadme read(Path nihFolder) throws IOException {
    String text = Files.readString(nihFolder.resolve("README.md"), StandardCharsets.UTF_8);
    Matcher h = find(HEADLINE, text, "the headline count of radiographs, patients and views");
    Matcher p = find(POSITIVES, text, "the 'Positives per split' line");
    Map<String, int[]> positives = new LinkedHashMap<>();
    Matcher c = COUNT.matcher(p.group(1));
    while (c.find()) {
      positives.put(c.group(1), new int[] {Integer.parseInt(c.group(2)), Integer.parseInt(c.group(3)),
          Integer.parseInt(c.group(4))});
    }
    Matcher b = find(BOXES, text, "the number of boxes in boxes.csv");
    Map<String, Integer> sources = new LinkedHashMap<>();
    Matcher s = SOURCE_ROW.matcher(text);
    while (s.find()) {
      sources.put(s.group(1), number(s.group(2)));
    }
    return new NihReadme(number(h.group(1)), number(h.group(2)), number(h.group(3)), number(h.group(4)), positives,
        number(b.group(1)), sources);
  }

  private static Matcher find(Pattern pattern, String text, String what) {
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("data/nih-cxr/README.md no longer states " + what + " in the expected words ("
          + pattern + "): update NihReadme");
    }
    return m;
  }

  private static int number(String s) {
    return Integer.parseInt(s.replace(",", ""));
  }
}
