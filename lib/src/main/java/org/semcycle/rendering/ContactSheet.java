package org.semcycle.rendering;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A grid of labelled tiles in one PNG, for looking at renders: RGB, depth (colour map, near =
 * bright yellow, far = dark purple, background black), normals (the PNG encoding's colours),
 * silhouette, and keypoints drawn over an image as small circles in per-index colours, filled
 * when visible and hollow when not. Tiles are scaled (nearest neighbour) to the tile size;
 * tiles fill the grid row by row. Drawn with Java2D.
 */
public final class ContactSheet {
  private static final int LABEL_HEIGHT = 14;
  private static final int GAP = 2;
  private static final int[] DEPTH_RAMP = {0xFDE725, 0x5EC962, 0x21918C, 0x3B528B, 0x440154};

  private final int columns;
  private final int tileWidth;
  private final int tileHeight;
  private final List<BufferedImage> tiles = new ArrayList<>();
  private final List<String> labels = new ArrayList<>();

  public ContactSheet(int columns, int tileWidth, int tileHeight) {
    if (columns < 1 || tileWidth < 1 || tileHeight < 1) {
      throw new IllegalArgumentException("columns and tile size must be positive");
    }
    this.columns = columns;
    this.tileWidth = tileWidth;
    this.tileHeight = tileHeight;
  }

  public int size() {
    return tiles.size();
  }

  /** Adds an image, scaled to the tile size. */
  public ContactSheet add(String label, BufferedImage image) {
    tiles.add(scale(image));
    labels.add(label == null ? "" : label);
    return this;
  }

  public ContactSheet addRgb(String label, RenderOutput r) {
    return add(label, rgbImage(r.rgb(), r.width(), r.height()));
  }

  public ContactSheet addDepth(String label, RenderOutput r) {
    return add(label, depthImage(r.depth(), r.width(), r.height()));
  }

  public ContactSheet addNormals(String label, RenderOutput r) {
    return add(label, normalsImage(r.normals(), r.width(), r.height()));
  }

  public ContactSheet addSilhouette(String label, RenderOutput r) {
    return add(label, silhouetteImage(r.silhouette(), r.width(), r.height()));
  }

  /** The four maps of a render, labelled {@code prefix + " rgb"} and so on. */
  public ContactSheet addAllMaps(String prefix, RenderOutput r) {
    return addRgb(prefix + " rgb", r).addDepth(prefix + " depth", r)
        .addNormals(prefix + " normals", r).addSilhouette(prefix + " sil", r);
  }

  /**
   * The render's RGB with keypoints: circle i takes colour i of a fixed palette; filled when
   * visible, hollow when not; points off the image are not drawn.
   */
  public ContactSheet addKeypoints(String label, RenderOutput base, List<ProjectedKeypoint> keypoints) {
    int[] colours = new int[keypoints.size()];
    for (int i = 0; i < colours.length; i++) {
      colours[i] = i;
    }
    return addKeypoints(label, rgbImage(base.rgb(), base.width(), base.height()), keypoints, colours);
  }

  /**
   * An image with keypoints drawn over it; keypoint i takes palette colour {@code colourIds[i]}
   * (e.g. its semantic id, so one id has one colour across views). Filled when visible, hollow
   * when not; points off the image are not drawn.
   */
  public ContactSheet addKeypoints(
      String label, BufferedImage image, List<ProjectedKeypoint> keypoints, int[] colourIds) {
    BufferedImage tile = scale(image);
    double sx = tileWidth / (double) image.getWidth();
    double sy = tileHeight / (double) image.getHeight();
    Graphics2D g = tile.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setStroke(new BasicStroke(1.5f));
    int rad = Math.max(2, Math.min(tileWidth, tileHeight) / 40);
    for (int i = 0; i < keypoints.size(); i++) {
      ProjectedKeypoint kp = keypoints.get(i);
      if (!Double.isFinite(kp.x()) || !Double.isFinite(kp.y())) {
        continue;
      }
      double px = (kp.x() + 0.5) * sx;
      double py = (kp.y() + 0.5) * sy;
      if (px < 0 || py < 0 || px >= tileWidth || py >= tileHeight) {
        continue;
      }
      int x = (int) Math.round(px) - rad;
      int y = (int) Math.round(py) - rad;
      g.setColor(keypointColour(colourIds[i]));
      if (kp.visible()) {
        g.fillOval(x, y, 2 * rad, 2 * rad);
        g.setColor(Color.BLACK);
      }
      g.drawOval(x, y, 2 * rad, 2 * rad);
    }
    g.dispose();
    tiles.add(tile);
    labels.add(label == null ? "" : label);
    return this;
  }

  /** Colour of keypoint index i: hues spread by the golden ratio. */
  public static Color keypointColour(int i) {
    float hue = (float) ((i * 0.618033988749895) % 1.0);
    return Color.getHSBColor(hue, 0.9f, 1.0f);
  }

  /** The sheet as an image. */
  public BufferedImage toImage() {
    int n = Math.max(1, tiles.size());
    int cols = Math.min(columns, n);
    int rows = (n + cols - 1) / cols;
    int cw = tileWidth + GAP;
    int ch = tileHeight + LABEL_HEIGHT + GAP;
    BufferedImage sheet = new BufferedImage(cols * cw + GAP, rows * ch + GAP, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    g.setColor(new Color(40, 40, 40));
    g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    for (int i = 0; i < tiles.size(); i++) {
      int x = GAP + (i % cols) * cw;
      int y = GAP + (i / cols) * ch;
      g.drawImage(tiles.get(i), x, y, null);
      g.setColor(Color.WHITE);
      g.setClip(x, y + tileHeight, tileWidth, LABEL_HEIGHT);
      g.drawString(labels.get(i), x + 2, y + tileHeight + LABEL_HEIGHT - 3);
      g.setClip(null);
    }
    g.dispose();
    return sheet;
  }

  /** The sheet as PNG bytes. */
  public byte[] toPng() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(toImage(), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private BufferedImage scale(BufferedImage src) {
    BufferedImage out = new BufferedImage(tileWidth, tileHeight, BufferedImage.TYPE_INT_RGB);
    int w = src.getWidth();
    int h = src.getHeight();
    for (int y = 0; y < tileHeight; y++) {
      int sy = Math.min(h - 1, (int) ((y + 0.5) * h / tileHeight));
      for (int x = 0; x < tileWidth; x++) {
        int sx = Math.min(w - 1, (int) ((x + 0.5) * w / tileWidth));
        out.setRGB(x, y, src.getRGB(sx, sy));
      }
    }
    return out;
  }

  public static BufferedImage rgbImage(int[] rgb, int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, w, h, rgb, 0, w);
    return img;
  }

  /** Depth as a colour map over the foreground's range; background black. */
  public static BufferedImage depthImage(float[] depth, int w, int h) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (float z : depth) {
      if (z > 0 && Float.isFinite(z)) {
        lo = Math.min(lo, z);
        hi = Math.max(hi, z);
      }
    }
    int[] rgb = new int[w * h];
    for (int i = 0; i < rgb.length; i++) {
      float z = depth[i];
      if (z > 0 && Float.isFinite(z)) {
        double t = hi > lo ? (z - lo) / (hi - lo) : 0;
        rgb[i] = ramp(t);
      }
    }
    return rgbImage(rgb, w, h);
  }

  private static int ramp(double t) {
    double s = Math.max(0, Math.min(1, t)) * (DEPTH_RAMP.length - 1);
    int i = Math.min(DEPTH_RAMP.length - 2, (int) s);
    double f = s - i;
    int a = DEPTH_RAMP[i];
    int b = DEPTH_RAMP[i + 1];
    int out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
      int c = (int) Math.round(((a >> shift) & 255) * (1 - f) + ((b >> shift) & 255) * f);
      out |= c << shift;
    }
    return out;
  }

  /** Normals coloured as in their PNG encoding, background black. */
  public static BufferedImage normalsImage(float[] normals, int w, int h) {
    return rgbImage(ImageCodec.normalsToRgb(normals, w * h), w, h);
  }


  public static BufferedImage silhouetteImage(byte[] sil, int w, int h) {
    int[] rgb = new int[w * h];
    for (int i = 0; i < rgb.length; i++) {
      int v = sil[i] & 255;
      rgb[i] = (v << 16) | (v << 8) | v;
    }
    return rgbImage(rgb, w, h);
  }
}
