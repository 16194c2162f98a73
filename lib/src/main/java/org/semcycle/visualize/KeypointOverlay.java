package org.semcycle.visualize;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws keypoints over an image (Java2D), for reports and {@code infer --visualize}.
 *
 * <ul>
 *   <li>predicted keypoints: a filled disc when predicted visible, a hollow circle when predicted
 *       invisible; colour by keypoint id;
 *   <li>true keypoints: a cross (white outline, id colour);
 *   <li>a thin line from each prediction to the truth of the same keypoint id;
 *   <li>optionally the boundary of a silhouette (a boolean mask of the image's size), in yellow;
 *   <li>an optional title strip above the picture.
 * </ul>
 *
 * Coordinates are the image's pixels, 0-based, integers at pixel centres (docs/CONVENTIONS.md);
 * non-finite positions are skipped. The picture is drawn at {@link #scale} times the image's
 * size (default: enlarged so the longer side is at least 256 pixels). {@link #pair} puts a
 * source and a target overlay side by side and joins each source keypoint to the target's
 * prediction of the same id. Drawing does not change the image given.
 */
public final class KeypointOverlay {
  /** One keypoint to draw: semantic id, position in image pixels, visibility. */
  public record Mark(int keypointId, double x, double y, boolean visible) {
    /** A visible mark. */
    public static Mark of(int keypointId, double x, double y) {
      return new Mark(keypointId, x, y, true);
    }

    boolean placed() {
      return Double.isFinite(x) && Double.isFinite(y);
    }
  }

  /** Longer side, in pixels, that the default scale enlarges small images to. */
  public static final int DEFAULT_MIN_SIDE = 256;

  private static final int TITLE_HEIGHT = 16;
  private static final int GAP = 6;
  private static final Color SILHOUETTE = new Color(255, 220, 0);

  private final BufferedImage image;
  private final List<Mark> predicted = new ArrayList<>();
  private final List<Mark> truth = new ArrayList<>();
  private boolean[] mask;
  private String title;
  private double scale;
  private Map<Integer, String> names = Map.of();

  /** An overlay on an image (not modified; it is copied when drawn). */
  public KeypointOverlay(BufferedImage image) {
    if (image == null) {
      throw new IllegalArgumentException("no image");
    }
    this.image = image;
    int side = Math.max(image.getWidth(), image.getHeight());
    this.scale = side >= DEFAULT_MIN_SIDE ? 1 : Math.ceil((double) DEFAULT_MIN_SIDE / side);
  }

  /** Drawing scale (output pixels per image pixel), > 0. */
  public KeypointOverlay scale(double s) {
    if (!(s > 0) || !Double.isFinite(s)) {
      throw new IllegalArgumentException("scale must be positive: " + s);
    }
    this.scale = s;
    return this;
  }

  /** Adds predicted keypoints. */
  public KeypointOverlay predicted(List<Mark> marks) {
    predicted.addAll(marks);
    return this;
  }

  /** Adds true keypoints. */
  public KeypointOverlay truth(List<Mark> marks) {
    truth.addAll(marks);
    return this;
  }

  /** A silhouette to outline: row-major, {@code width x height} of the image. */
  public KeypointOverlay silhouette(boolean[] rowMajor) {
    if (rowMajor.length != image.getWidth() * image.getHeight()) {
      throw new IllegalArgumentException("mask has " + rowMajor.length + " pixels, the image "
          + image.getWidth() + "x" + image.getHeight());
    }
    this.mask = rowMajor.clone();
    return this;
  }

  /** A silhouette from a mask image of the same size: inside where any channel is above 127. */
  public KeypointOverlay silhouette(BufferedImage maskImage) {
    int w = image.getWidth();
    int h = image.getHeight();
    if (maskImage.getWidth() != w || maskImage.getHeight() != h) {
      throw new IllegalArgumentException("mask is " + maskImage.getWidth() + "x"
          + maskImage.getHeight() + ", the image " + w + "x" + h);
    }
    boolean[] m = new boolean[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = maskImage.getRGB(x, y);
        m[y * w + x] = ((rgb >> 16) & 0xFF) > 127 || ((rgb >> 8) & 0xFF) > 127 || (rgb & 0xFF) > 127;
      }
    }
    this.mask = m;
    return this;
  }

  /** A caption drawn in a strip above the picture. */
  /** Writes each predicted keypoint's name (by id) beside it. */
  public KeypointOverlay names(Map<Integer, String> byId) {
    this.names = Map.copyOf(byId);
    return this;
  }

  public KeypointOverlay title(String text) {
    this.title = text;
    return this;
  }

  /** The picture: the image scaled, silhouette outline, lines, truth crosses, predictions. */
  public BufferedImage render() {
    int top = title == null ? 0 : TITLE_HEIGHT;
    int w = (int) Math.round(image.getWidth() * scale);
    int h = (int) Math.round(image.getHeight() * scale);
    BufferedImage out = new BufferedImage(w, h + top, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.DARK_GRAY);
      g.fillRect(0, 0, w, h + top);
      drawTitle(g, title, 0, w);
      g.translate(0, top);
      drawBody(g);
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * Source and target side by side (titles kept), with a line from each source keypoint (its
   * truth marks, else its predicted marks) to the target's predicted keypoint of the same id
   * (the target's truth marks when it has no predictions).
   */
  public static BufferedImage pair(KeypointOverlay source, KeypointOverlay target) {
    int top = source.title != null || target.title != null ? TITLE_HEIGHT : 0;
    int ws = (int) Math.round(source.image.getWidth() * source.scale);
    int hs = (int) Math.round(source.image.getHeight() * source.scale);
    int wt = (int) Math.round(target.image.getWidth() * target.scale);
    int ht = (int) Math.round(target.image.getHeight() * target.scale);
    BufferedImage out =
        new BufferedImage(ws + GAP + wt, Math.max(hs, ht) + top, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.DARK_GRAY);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      drawTitle(g, source.title, 0, ws);
      drawTitle(g, target.title, ws + GAP, wt);
      g.translate(0, top);
      source.drawBody(g);
      g.translate(ws + GAP, 0);
      target.drawBody(g);
      g.translate(-(ws + GAP), 0);
      Map<Integer, Mark> to = byId(target.predicted.isEmpty() ? target.truth : target.predicted);
      List<Mark> from = source.truth.isEmpty() ? source.predicted : source.truth;
      g.setStroke(new BasicStroke(1.2f));
      for (Mark a : from) {
        Mark b = to.get(a.keypointId());
        if (a.placed() && b != null && b.placed()) {
          g.setColor(translucent(colour(a.keypointId()), 170));
          g.draw(new Line2D.Double(
              source.px(a.x()), source.px(a.y()), ws + GAP + target.px(b.x()), target.px(b.y())));
        }
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /** PNG bytes of a picture. */
  public static byte[] png(BufferedImage picture) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(picture, "png", bytes)) {
        throw new IllegalStateException("no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The colour of a keypoint id: hues spaced by the golden angle, so neighbours differ. */
  public static Color colour(int keypointId) {
    float hue = (float) ((Math.floorMod(keypointId, 1000) * 0.618033988749895) % 1.0);
    return Color.getHSBColor(hue, 0.85f, 1.0f);
  }

  private void drawBody(Graphics2D g) {
    int w = (int) Math.round(image.getWidth() * scale);
    int h = (int) Math.round(image.getHeight() * scale);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
        scale >= 2 ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, 0, 0, w, h, null);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    if (mask != null) {
      drawOutline(g);
    }
    double r = Math.max(3, Math.min(8, 0.012 * Math.max(w, h)));
    Map<Integer, Mark> truthById = byId(truth);
    g.setStroke(new BasicStroke(1.5f));
    for (Mark p : predicted) {
      Mark t = truthById.get(p.keypointId());
      if (p.placed() && t != null && t.placed()) {
        g.setColor(Color.WHITE);
        g.draw(new Line2D.Double(px(p.x()), px(p.y()), px(t.x()), px(t.y())));
      }
    }
    for (Mark t : truth) {
      if (t.placed()) {
        drawCross(g, px(t.x()), px(t.y()), r, colour(t.keypointId()));
      }
    }
    for (Mark p : predicted) {
      if (!p.placed()) {
        continue;
      }
      Ellipse2D disc = new Ellipse2D.Double(px(p.x()) - r, px(p.y()) - r, 2 * r, 2 * r);
      Color c = colour(p.keypointId());
      if (p.visible()) {
        g.setColor(c);
        g.fill(disc);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.draw(disc);
      } else {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3.5f));
        g.draw(disc);
        g.setColor(c);
        g.setStroke(new BasicStroke(2f));
        g.draw(disc);
      }
    }
    if (!names.isEmpty()) {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
      for (Mark p : predicted) {
        String name = names.get(p.keypointId());
        if (p.placed() && name != null) {
          float x = (float) (px(p.x()) + r + 1);
          float y = (float) (px(p.y()) + 4);
          g.setColor(Color.BLACK);
          g.drawString(name, x + 1, y + 1);
          g.setColor(p.visible() ? Color.WHITE : Color.LIGHT_GRAY);
          g.drawString(name, x, y);
        }
      }
    }
  }

  private static void drawCross(Graphics2D g, double x, double y, double r, Color c) {
    for (int pass = 0; pass < 2; pass++) {
      g.setColor(pass == 0 ? Color.WHITE : c);
      g.setStroke(new BasicStroke(pass == 0 ? 4f : 2f));
      g.draw(new Line2D.Double(x - r, y - r, x + r, y + r));
      g.draw(new Line2D.Double(x - r, y + r, x + r, y - r));
    }
  }

  /** Boundary pixels: inside with a 4-neighbour outside (or on the image border). */
  private void drawOutline(Graphics2D g) {
    int w = image.getWidth();
    int h = image.getHeight();
    g.setColor(SILHOUETTE);
    int s = (int) Math.max(1, Math.round(scale));
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (!mask[y * w + x]) {
          continue;
        }
        boolean edge = x == 0 || y == 0 || x == w - 1 || y == h - 1
            || !mask[y * w + x - 1] || !mask[y * w + x + 1] || !mask[(y - 1) * w + x] || !mask[(y + 1) * w + x];
        if (edge) {
          g.fillRect((int) Math.round(x * scale), (int) Math.round(y * scale), s, s);
        }
      }
    }
  }

  private static void drawTitle(Graphics2D g, String title, int x, int width) {
    if (title == null) {
      return;
    }
    g.setColor(Color.BLACK);
    g.fillRect(x, 0, width, TITLE_HEIGHT);
    g.setColor(Color.WHITE);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString(title, x + 3, TITLE_HEIGHT - 4);
  }

  /** Output coordinate of an image coordinate (integers at pixel centres). */
  private double px(double v) {
    return (v + 0.5) * scale;
  }

  private static Map<Integer, Mark> byId(List<Mark> marks) {
    Map<Integer, Mark> out = new HashMap<>();
    for (Mark m : marks) {
      out.putIfAbsent(m.keypointId(), m);
    }
    return out;
  }

  private static Color translucent(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }
}
