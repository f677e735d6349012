package io.pulso.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/** A grouped bar chart of rows/s (one panel per size, a group per case, a bar per method), drawn with Java2D. */
final class BarChart {

    private static final Color[] COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52), new Color(0x8172B3),
            new Color(0x937860), new Color(0xDA8BC3), new Color(0x8C8C8C), new Color(0xCCB974)};
    private static final int PANEL_W = 420;
    private static final int H = 480;

    private BarChart() {
    }

    static void write(Path file, Results results) throws IOException {
        List<Long> sizes = List.copyOf(results.sizes());
        int width = Math.max(1, sizes.size()) * PANEL_W + 40;
        BufferedImage image = new BufferedImage(width, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("dashboard_data load: rows/s (label: × baseline A)", 20, 24);
        legend(g, 20, H - 8);
        for (int p = 0; p < sizes.size(); p++) {
            panel(g, results, sizes.get(p), 30 + p * PANEL_W);
        }
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static void panel(Graphics2D g, Results results, long rows, int x0) {
        int top = 60;
        int bottom = H - 100;
        int plotW = PANEL_W - 70;
        int left = x0 + 50;
        double max = 1;
        for (CaseResult r : results.all()) {
            if (r.rows() == rows) {
                max = Math.max(max, r.rowsPerSecond());
            }
        }
        max = niceCeiling(max);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.setColor(Color.BLACK);
        g.drawString(String.format("%,d rows", rows), left + plotW / 2 - 40, top - 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int t = 0; t <= 4; t++) {
            int y = bottom - (bottom - top) * t / 4;
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%,.0fk", max * t / 4 / 1000), x0, y + 4);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1));
        g.drawLine(left, bottom, left + plotW, bottom);
        int groupW = plotW / LoadCase.values().length;
        int barW = (groupW - 16) / Method.values().length;
        for (LoadCase c : LoadCase.values()) {
            int gx = left + c.ordinal() * groupW + 8;
            for (Method m : Method.values()) {
                Optional<CaseResult> r = results.find(m, rows, c);
                if (r.isEmpty()) {
                    continue;
                }
                int h = (int) Math.round((bottom - top) * r.get().rowsPerSecond() / max);
                int bx = gx + m.ordinal() * barW;
                g.setColor(COLORS[m.ordinal()]);
                g.fillRect(bx, bottom - h, barW - 2, h);
                g.setColor(Color.BLACK);
                results.ratio(m, Method.A, rows, c).ifPresent(v -> g.drawString(String.format("%.1f", v), bx, bottom - h - 3));
            }
            g.drawString(c.label, gx + 4, bottom + 14);
        }
    }

    private static void legend(Graphics2D g, int x, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (Method m : Method.values()) {
            // Legend rows of three.
            int lx = x + (m.ordinal() % 3) * 300;
            int ly = y - 36 + (m.ordinal() / 3) * 18;
            g.setColor(COLORS[m.ordinal()]);
            g.fillRect(lx, ly - 10, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(m.label, lx + 16, ly);
        }
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
