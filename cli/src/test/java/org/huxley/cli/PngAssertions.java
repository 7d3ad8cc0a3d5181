package org.huxley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.Node;

/** Checks on written PNGs: they decode, have the expected size, are not blank, carry provenance. */
final class PngAssertions {
    private PngAssertions() {
    }

    static void assertPlot(Path png, int width, int height) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " does not decode as an image");
        assertEquals(width, img.getWidth(), "width");
        assertEquals(height, img.getHeight(), "height");
        // not blank: many colours (lines, text, antialiasing), and a fair share of non-white pixels
        Set<Integer> colours = new HashSet<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                if (rgb != 0xFFFFFF) {
                    nonWhite++;
                }
            }
        }
        assertTrue(colours.size() > 20, "only " + colours.size() + " colours: blank plot?");
        assertTrue(nonWhite > 500, "only " + nonWhite + " non-white pixels sampled");
        Map<String, String> text = textChunks(png);
        for (String key : new String[] {"huxley", "commit", "engine", "precision", "seed"}) {
            assertTrue(text.containsKey(key), "PNG text chunk " + key + " missing: " + text.keySet());
        }
    }

    static Map<String, String> textChunks(Path png) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            IIOMetadata meta = reader.getImageMetadata(0);
            Node root = meta.getAsTree("javax_imageio_png_1.0");
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("tEXt")) {
                    for (Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                        out.put(e.getAttributes().getNamedItem("keyword").getNodeValue(),
                                e.getAttributes().getNamedItem("value").getNodeValue());
                    }
                }
            }
            reader.dispose();
        }
        return out;
    }
}
