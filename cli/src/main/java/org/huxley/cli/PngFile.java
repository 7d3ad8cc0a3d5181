package org.huxley.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.XYChart;

/**
 * Writes charts stacked vertically (or in a grid) into one PNG, with provenance in a footer line
 * and as PNG text chunks (tEXt), so that the file itself says which Huxley, engine, precision and
 * seed made it. Needs a headless
 * AWT with fonts (docs/cli.md).
 */
final class PngFile {
    private PngFile() {
    }

    /** Height of the footer line under the charts, px. */
    static final int FOOTER_HEIGHT = 22;

    /** Renders the charts one above the other (each at its own size) and writes the PNG. */
    static void write(Path file, List<XYChart> charts, Map<String, String> text) throws IOException {
        writeGrid(file, charts, charts.size(), 1, text);
    }

    /**
     * Renders the charts row by row into a rows × cols grid of cells of the largest chart's size,
     * with a footer line of provenance (huxley version, commit, engine, precision, seed) under them.
     */
    static void writeGrid(Path file, List<XYChart> charts, int rows, int cols, Map<String, String> text)
            throws IOException {
        if (charts.isEmpty() || charts.size() > rows * cols) {
            throw new IllegalArgumentException(charts.size() + " charts for a " + rows + " x " + cols + " grid");
        }
        int cw = charts.stream().mapToInt(XYChart::getWidth).max().orElseThrow();
        int ch = charts.stream().mapToInt(XYChart::getHeight).max().orElseThrow();
        BufferedImage img = new BufferedImage(cw * cols, ch * rows + FOOTER_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int i = 0; i < charts.size(); i++) {
            XYChart c = charts.get(i);
            Graphics2D gc = (Graphics2D) g.create((i % cols) * cw, (i / cols) * ch, c.getWidth(), c.getHeight());
            c.paint(gc, c.getWidth(), c.getHeight());
            gc.dispose();
        }
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(Provenance.line(text), 8, ch * rows + FOOTER_HEIGHT - 7);
        g.dispose();
        write(file, img, text);
    }

    static void write(Path file, BufferedImage img, Map<String, String> text) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            if (out == null) {
                throw new IOException("cannot open " + file + " for writing");
            }
            writer.setOutput(out);
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), null);
            IIOMetadataNode tEXt = new IIOMetadataNode("tEXt");
            text.forEach((k, v) -> {
                IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                entry.setAttribute("keyword", k);
                entry.setAttribute("value", v);
                tEXt.appendChild(entry);
            });
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(tEXt);
            meta.mergeTree("javax_imageio_png_1.0", root);
            writer.write(new IIOImage(img, null, meta));
        } finally {
            writer.dispose();
        }
    }
}
