package org.semcycle.rendering;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.semcycle.geometry.Material;
import org.semcycle.geometry.Mesh;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mesh prepared for the {@link Rasterizer}: flat vertex and triangle arrays, per-face diffuse
 * colour, and per-face textures (decoded once). Prepare once per model and render it from many
 * viewpoints. Immutable and safe to share between threads.
 */
public final class RenderableMesh {
  private static final Logger LOG = LoggerFactory.getLogger(RenderableMesh.class);

  final double[] positions;
  final int[] triangles;
  /** Per face: Kd r, g, b. */
  final float[] faceKd;
  /** Per face: index into {@link #textures}, or -1. */
  final int[] faceTexture;
  /** Per face: u0 v0 u1 v1 u2 v2, or null when the mesh has no texture coordinates. */
  final float[] cornerUv;
  final Texture[] textures;
  private final Mesh mesh;

  private RenderableMesh(Mesh mesh, TextureLoader loader) {
    this.mesh = mesh;
    this.positions = mesh.positions();
    this.triangles = mesh.triangles();
    int nf = mesh.faceCount();
    this.faceKd = new float[3 * nf];
    this.faceTexture = new int[nf];
    boolean uv = mesh.hasUv();
    this.cornerUv = uv ? new float[6 * nf] : null;
    List<Texture> tex = new ArrayList<>();
    Map<String, Integer> texIndex = new HashMap<>();
    for (int f = 0; f < nf; f++) {
      Material m = mesh.faceMaterial(f);
      double[] kd = m.kd();
      for (int c = 0; c < 3; c++) {
        faceKd[3 * f + c] = (float) Math.max(0, Math.min(1, kd[c]));
      }
      int ti = -1;
      if (uv && m.textureName() != null && !m.textureName().isEmpty()) {
        Integer known = texIndex.get(m.textureName());
        if (known == null) {
          BufferedImage img = loader.load(m.textureName());
          if (img == null) {
            LOG.warn("texture {} not available; material {} drawn with its Kd", m.textureName(), m.name());
            known = -1;
          } else {
            tex.add(new Texture(img));
            known = tex.size() - 1;
          }
          texIndex.put(m.textureName(), known);
        }
        ti = known;
      }
      faceTexture[f] = ti;
      if (uv) {
        for (int c = 0; c < 3; c++) {
          cornerUv[6 * f + 2 * c] = mesh.uv(f, c, 0);
          cornerUv[6 * f + 2 * c + 1] = mesh.uv(f, c, 1);
        }
      }
    }
    this.textures = tex.toArray(new Texture[0]);
  }

  /** Prepares a mesh without textures (faces take their material's Kd). */
  public static RenderableMesh of(Mesh mesh) {
    return new RenderableMesh(mesh, TextureLoader.NONE);
  }

  /** Prepares a mesh, loading each texture its materials name once through {@code loader}. */
  public static RenderableMesh of(Mesh mesh, TextureLoader loader) {
    return new RenderableMesh(mesh, loader);
  }

  public Mesh mesh() {
    return mesh;
  }

  public int faceCount() {
    return triangles.length / 3;
  }

  public int vertexCount() {
    return positions.length / 3;
  }

  /** Number of distinct textures actually loaded. */
  public int textureCount() {
    return textures.length;
  }

  /** A decoded texture: packed 0xRRGGBB texels, row 0 at the top of the image. */
  static final class Texture {
    final int width;
    final int height;
    final int[] rgb;

    Texture(BufferedImage img) {
      width = img.getWidth();
      height = img.getHeight();
      rgb = img.getRGB(0, 0, width, height, null, 0, width);
    }

    /**
     * Bilinear sample with repeat wrapping at texture coordinates (u, v); v = 0 is the bottom
     * row of the image (OBJ convention). Returns 0xRRGGBB.
     */
    int sample(double u, double v) {
      double tx = (u - Math.floor(u)) * width - 0.5;
      double ty = (1 - (v - Math.floor(v))) * height - 0.5;
      int x0 = (int) Math.floor(tx);
      int y0 = (int) Math.floor(ty);
      double fx = tx - x0;
      double fy = ty - y0;
      int xa = Math.floorMod(x0, width);
      int xb = Math.floorMod(x0 + 1, width);
      int ya = Math.floorMod(y0, height);
      int yb = Math.floorMod(y0 + 1, height);
      int c00 = rgb[ya * width + xa];
      int c10 = rgb[ya * width + xb];
      int c01 = rgb[yb * width + xa];
      int c11 = rgb[yb * width + xb];
      int out = 0;
      for (int shift = 16; shift >= 0; shift -= 8) {
        double a = ((c00 >> shift) & 255) * (1 - fx) + ((c10 >> shift) & 255) * fx;
        double b = ((c01 >> shift) & 255) * (1 - fx) + ((c11 >> shift) & 255) * fx;
        int ch = (int) Math.round(a * (1 - fy) + b * fy);
        out |= Math.max(0, Math.min(255, ch)) << shift;
      }
      return out;
    }
  }
}
