package org.pleura.results.overlay;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pleura.image.GrayImage;
import org.pleura.model.result.Analysis;
import org.pleura.model.result.Call;
import org.pleura.model.result.FindingResult;
import org.pleura.model.result.Region;
import org.pleura.results.Language;

/**
 * Draws the overlay picture of an analysis: a banner on top (Pleura, the "AI aid, not a diagnosis" notice, the
 * model's id and version, then the positive and doubtful findings with their scores), the radiograph below it at
 * its own resolution and VOI, a box around every region of a positive (solid line) or doubtful (dashed line)
 * finding labelled with the finding's name and the region's score, and a legend at the bottom. Findings the model
 * is not validated to call are listed in grey with their scores, never drawn. Text, lines and
 * bands scale with the image so the picture reads the same at any size. The banner lists positive findings first,
 * then doubtful ones, each in catalogue order. To keep the picture readable, a doubtful
 * finding shows only its best region, and a region covering more than {@value #MAX_BOX_AREA_PERCENT} % of the
 * image (which localises nothing) is not drawn; every region stays in the JSON and the SR, and every positive or
 * doubtful finding is listed in the banner. The radiograph itself is never covered
 * by the banner or the legend: they are bands above and below it.
 *
 * <pre>{@code
 * OverlayRenderer.Overlay o = new OverlayRenderer().render(radiograph.display(), analysis, Language.EN);
 * byte[] png = PngEncoder.encode(o.image());
 * }</pre>
 *
 * Thread-safe (no state).
 */
public final class OverlayRenderer {

    /** Box colour of a positive call. */
    public static final Color POSITIVE = new Color(0xFF, 0x45, 0x3A);
    /** Box colour of a doubtful call. */
    public static final Color DOUBTFUL = new Color(0xFF, 0xD6, 0x0A);
    /** Background of the banner and legend bands. */
    public static final Color BAND = new Color(0x15, 0x19, 0x20);

    /** Regions covering more of the image than this percentage are listed, not drawn. */
    public static final int MAX_BOX_AREA_PERCENT = 40;

    private static final Color TEXT = new Color(0xF2, 0xF2, 0xF2);
    private static final Color MUTED = new Color(0xA8, 0xB0, 0xBC);
    private static final Color SHADOW = new Color(0, 0, 0, 170);
    private static final String FONT = Font.SANS_SERIF;

    /**
     * The drawn picture and where the radiograph sits in it.
     *
     * @param image    the whole picture (RGB)
     * @param imageTop the row of the picture where the radiograph's first row is (its left edge is column 0)
     * @param scale    line width in pixels used for the boxes
     */
    public record Overlay(BufferedImage image, int imageTop, int scale) {
    }

    /** The overlay of an analysis on its display-ready image (the source's pixels with its VOI). */
    public Overlay render(GrayImage display, Analysis analysis, Language language) {
        int w = display.width();
        int h = display.height();
        Metrics m = new Metrics(Math.max(w, h));
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        List<List<Segment>> bannerLines = bannerLines(analysis, language, w, m, pg);
        List<String> legendLines = wrap(pg.getFontMetrics(m.small), language.legend(), w - 2 * m.pad
                - legendSamplesWidth(language, m, pg));
        pg.dispose();

        int titleH = m.lineHeight(m.title);
        int bodyH = m.lineHeight(m.body);
        int bannerH = m.pad + titleH + bannerLines.size() * bodyH + m.pad;
        int legendH = m.pad + Math.max(1, legendLines.size()) * m.lineHeight(m.small) + m.pad;
        BufferedImage img = new BufferedImage(w, bannerH + h + legendH, BufferedImage.TYPE_INT_RGB);
        paintRadiograph(display, img, bannerH);

        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(BAND);
            g.fillRect(0, 0, w, bannerH);
            g.fillRect(0, bannerH + h, w, legendH);
            paintTitle(g, analysis, language, w, m);
            int y = m.pad + titleH;
            for (List<Segment> line : bannerLines) {
                paintSegments(g, line, m.pad, y, bodyH, m);
                y += bodyH;
            }
            paintBoxes(g, analysis, language, w, h, bannerH, m);
            paintLegend(g, language, legendLines, w, bannerH + h, m);
        } finally {
            g.dispose();
        }
        return new Overlay(img, bannerH, m.line);
    }

    /** Sizes derived from the image's longer side. */
    private static final class Metrics {
        final int line;
        final int pad;
        final Font title;
        final Font body;
        final Font label;
        final Font small;

        Metrics(int longSide) {
            int base = Math.max(11, Math.round(longSide / 50f));
            this.line = Math.max(2, Math.round(longSide / 420f));
            this.pad = Math.max(4, Math.round(base * 0.55f));
            this.title = new Font(FONT, Font.BOLD, base);
            this.body = new Font(FONT, Font.PLAIN, Math.max(11, Math.round(base * 0.9f)));
            this.label = new Font(FONT, Font.BOLD, Math.max(11, Math.round(base * 0.8f)));
            this.small = new Font(FONT, Font.PLAIN, Math.max(10, Math.round(base * 0.72f)));
        }

        int lineHeight(Font f) {
            return Math.round(f.getSize() * 1.35f);
        }
    }

    /** A piece of a banner line: text in a colour, optionally preceded by a call marker. */
    private record Segment(String text, Color color, Call marker) {
    }

    private static void paintRadiograph(GrayImage display, BufferedImage img, int top) {
        int[] rgb = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        float[] px = display.pixels();
        int offset = top * display.width();
        for (int i = 0; i < px.length; i++) {
            float f = px[i];
            int v = f <= 0f ? 0 : f >= 1f ? 255 : (int) (f * 255f + 0.5f);
            rgb[offset + i] = v * 0x010101;
        }
    }

    private static void paintTitle(Graphics2D g, Analysis analysis, Language language, int w, Metrics m) {
        g.setFont(m.title);
        FontMetrics fm = g.getFontMetrics();
        int baseline = m.pad + fm.getAscent();
        g.setColor(TEXT);
        String left = "PLEURA  \u00b7  " + language.notice();
        g.drawString(left, m.pad, baseline);
        g.setFont(m.body);
        String right = language.model() + " " + analysis.model().id() + " " + analysis.model().version();
        int rw = g.getFontMetrics().stringWidth(right);
        if (fm.stringWidth(left) + 2 * m.pad + rw + m.pad <= w) {
            g.setColor(MUTED);
            g.drawString(right, w - m.pad - rw, baseline);
        }
    }

    private static List<List<Segment>> bannerLines(Analysis analysis, Language language, int w, Metrics m,
                                                   Graphics2D g) {
        List<Segment> segments = new ArrayList<>();
        String model = language.model() + " " + analysis.model().id() + " " + analysis.model().version();
        g.setFont(m.title);
        String left = "PLEURA  \u00b7  " + language.notice();
        g.setFont(m.body);
        boolean modelFitsTitle = g.getFontMetrics(m.title).stringWidth(left) + 3 * m.pad
                + g.getFontMetrics(m.body).stringWidth(model) <= w;
        if (analysis.abnormal() != null) {
            segments.add(new Segment(language.name(analysis.abnormal().finding()) + " "
                    + score(analysis.abnormal().score()), TEXT, null));
        }
        boolean any = false;
        for (Call call : new Call[] {Call.POSITIVE, Call.DOUBTFUL}) {
            for (FindingResult r : analysis.results()) {
                if (r.call() != call) {
                    continue;
                }
                any = true;
                segments.add(new Segment(language.name(r.finding()) + " " + score(r.score()) + " ("
                        + language.call(call) + ")", call == Call.POSITIVE ? POSITIVE : DOUBTFUL, call));
            }
        }
        if (!any) {
            segments.add(new Segment(language.noFinding(), TEXT, null));
        }
        List<String> unvalidated = new ArrayList<>();
        for (FindingResult r : analysis.results()) {
            if (r.call() == Call.NOT_VALIDATED) {
                unvalidated.add(language.name(r.finding()) + " " + score(r.score()));
            }
        }
        if (!unvalidated.isEmpty()) {
            segments.add(new Segment(language.call(Call.NOT_VALIDATED) + ": " + String.join(", ", unvalidated), MUTED,
                    null));
        }
        if (!modelFitsTitle) {
            segments.add(new Segment(model, MUTED, null));
        }
        FontMetrics fm = g.getFontMetrics(m.body);
        int gap = fm.stringWidth("   ");
        int available = w - 2 * m.pad;
        List<List<Segment>> lines = new ArrayList<>();
        List<Segment> current = new ArrayList<>();
        int used = 0;
        for (Segment s : segments) {
            int sw = segmentWidth(s, fm, m);
            if (!current.isEmpty() && used + gap + sw > available) {
                lines.add(current);
                current = new ArrayList<>();
                used = 0;
            }
            used += (current.isEmpty() ? 0 : gap) + sw;
            current.add(s);
        }
        lines.add(current);
        return lines;
    }

    private static int segmentWidth(Segment s, FontMetrics fm, Metrics m) {
        return fm.stringWidth(s.text()) + (s.marker() == null ? 0 : markerWidth(m) + m.pad / 2);
    }

    private static int markerWidth(Metrics m) {
        return Math.round(m.body.getSize() * 1.6f);
    }

    private static void paintSegments(Graphics2D g, List<Segment> line, int x, int top, int lineHeight, Metrics m) {
        g.setFont(m.body);
        FontMetrics fm = g.getFontMetrics();
        int baseline = top + (lineHeight + fm.getAscent() - fm.getDescent()) / 2;
        int gap = fm.stringWidth("   ");
        for (Segment s : line) {
            if (s.marker() != null) {
                int mw = markerWidth(m);
                int my = baseline - fm.getAscent() / 3;
                g.setColor(s.color());
                g.setStroke(boxStroke(s.marker(), m.line));
                g.drawLine(x, my, x + mw, my);
                x += mw + m.pad / 2;
            }
            g.setColor(s.color());
            g.drawString(s.text(), x, baseline);
            x += fm.stringWidth(s.text()) + gap;
        }
    }

    private static Stroke boxStroke(Call call, int width) {
        if (call == Call.DOUBTFUL) {
            return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {3.5f * width, 2.5f * width}, 0f);
        }
        return new BasicStroke(width, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_MITER);
    }

    private static Stroke shadowStroke(Call call, int width) {
        int s = width + 2 * Math.max(1, width / 2);
        if (call == Call.DOUBTFUL) {
            return new BasicStroke(s, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {3.5f * width, 2.5f * width}, 0f);
        }
        return new BasicStroke(s, BasicStroke.CAP_SQUARE, BasicStroke.JOIN_MITER);
    }

    private static void paintBoxes(Graphics2D g, Analysis analysis, Language language, int w, int h, int top,
                                   Metrics m) {
        g.setClip(0, top, w, h);
        List<Rectangle> labels = new ArrayList<>();
        // doubtful first so that positive boxes are drawn on top; a detector's box carries its own call
        for (Call call : new Call[] {Call.DOUBTFUL, Call.POSITIVE}) {
            Color colour = call == Call.POSITIVE ? POSITIVE : DOUBTFUL;
            for (FindingResult r : analysis.results()) {
                for (Region region : drawn(r, w, h)) {
                    if (region.callOr(r.call()) != call) {
                        continue;
                    }
                    Rectangle box = boxOf(region, w, h, top);
                    g.setColor(SHADOW);
                    g.setStroke(shadowStroke(call, m.line));
                    g.draw(box);
                    g.setColor(colour);
                    g.setStroke(boxStroke(call, m.line));
                    g.draw(box);
                }
            }
        }
        for (Call call : new Call[] {Call.DOUBTFUL, Call.POSITIVE}) {
            Color colour = call == Call.POSITIVE ? POSITIVE : DOUBTFUL;
            for (FindingResult r : analysis.results()) {
                for (Region region : drawn(r, w, h)) {
                    if (region.callOr(r.call()) != call) {
                        continue;
                    }
                    paintLabel(g, boxOf(region, w, h, top), language.name(r.finding()) + " " + score(region.score()),
                            colour, labels, w, top, h, m);
                }
            }
        }
        g.setClip(null);
    }

    /**
     * The regions of a called finding that are drawn: not too large, and for a class activation map only the best one
     * of a doubtful finding (a detector's boxes are each drawn: each is a finding of its own).
     */
    static List<Region> drawn(FindingResult r, int w, int h) {
        if (!r.call().flags()) {
            return List.of();
        }
        List<Region> out = new ArrayList<>();
        for (Region g : r.regions()) {
            if (g.w() * g.h() <= MAX_BOX_AREA_PERCENT / 100.0 * w * h) {
                out.add(g);
            }
        }
        boolean ownCalls = out.stream().anyMatch(g -> g.call() != null);
        return r.call() == Call.DOUBTFUL && !ownCalls && out.size() > 1 ? List.of(out.get(0)) : out;
    }

    /** The rectangle of a region in picture pixels, inside the radiograph. */
    static Rectangle boxOf(Region region, int w, int h, int top) {
        int x0 = clamp((int) Math.round(region.x()), 0, w - 1);
        int y0 = clamp((int) Math.round(region.y()), 0, h - 1);
        int x1 = clamp((int) Math.round(region.x() + region.w()), x0 + 1, w - 1);
        int y1 = clamp((int) Math.round(region.y() + region.h()), y0 + 1, h - 1);
        return new Rectangle(x0, top + y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    private static void paintLabel(Graphics2D g, Rectangle box, String text, Color colour, List<Rectangle> placed,
                                   int w, int top, int h, Metrics m) {
        g.setFont(m.label);
        FontMetrics fm = g.getFontMetrics();
        int padX = Math.max(3, m.pad / 2);
        int lw = fm.stringWidth(text) + 2 * padX;
        int lh = fm.getAscent() + fm.getDescent() + 2;
        int x = Math.min(Math.max(0, box.x - m.line / 2), Math.max(0, w - lw));
        int y = box.y - m.line / 2 - lh;
        if (y < top) {
            y = box.y + m.line;
        }
        Rectangle r = new Rectangle(x, y, lw, lh);
        for (int tries = 0; tries < 6 && intersectsAny(r, placed); tries++) {
            r.y += lh;
        }
        r.y = Math.min(r.y, top + h - lh);
        placed.add(r);
        g.setColor(colour);
        g.fillRect(r.x, r.y, r.width, r.height);
        g.setColor(colour == DOUBTFUL ? Color.BLACK : Color.WHITE);
        g.drawString(text, r.x + padX, r.y + 1 + fm.getAscent());
    }

    private static void paintLegend(Graphics2D g, Language language, List<String> lines, int w, int top, Metrics m) {
        g.setFont(m.small);
        FontMetrics fm = g.getFontMetrics();
        int lineH = m.lineHeight(m.small);
        int baseline = top + m.pad + (lineH + fm.getAscent() - fm.getDescent()) / 2;
        int x = m.pad;
        for (Call call : new Call[] {Call.POSITIVE, Call.DOUBTFUL}) {
            int sample = markerWidth(m);
            int sy = baseline - fm.getAscent() / 3;
            g.setColor(call == Call.POSITIVE ? POSITIVE : DOUBTFUL);
            g.setStroke(boxStroke(call, m.line));
            g.drawLine(x, sy, x + sample, sy);
            x += sample + m.pad / 2;
            String word = language.call(call);
            g.setColor(TEXT);
            g.drawString(word, x, baseline);
            x += fm.stringWidth(word) + 2 * m.pad;
        }
        g.setColor(MUTED);
        for (String line : lines) {
            g.drawString(line, x, baseline);
            baseline += lineH;
        }
    }

    private static int legendSamplesWidth(Language language, Metrics m, Graphics2D g) {
        FontMetrics fm = g.getFontMetrics(m.small);
        int width = 0;
        for (Call call : new Call[] {Call.POSITIVE, Call.DOUBTFUL}) {
            width += markerWidth(m) + m.pad / 2 + fm.stringWidth(language.call(call)) + 2 * m.pad;
        }
        return width;
    }

    private static List<String> wrap(FontMetrics fm, String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && fm.stringWidth(candidate) > Math.max(width, 1)) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static boolean intersectsAny(Rectangle r, List<Rectangle> others) {
        return others.stream().anyMatch(r::intersects);
    }

    private static String score(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }

    private static int clamp(int v, int lo, int hi) {
        return v < lo ? lo : Math.min(v, hi);
    }
}
