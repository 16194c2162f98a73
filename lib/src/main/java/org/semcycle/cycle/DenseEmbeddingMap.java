package org.semcycle.cycle;

import java.awt.image.BufferedImage;
import org.semcycle.embedding.PointEmbedder;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.Vec3;
import org.semcycle.rendering.Rasterizer;
import org.semcycle.rendering.RenderOutput;
import org.semcycle.rendering.camera.Camera;

/**
 * The paper's dense embedding map (supplementary): every pixel of the mesh's visible surface
 * takes the embedding of the nearest of {@code points} surface samples (embedded together, as
 * the KeypointEmbedder sees a cloud), and the embeddings are shown as RGB through their first
 * three principal components (each scaled to [0, 1] over the samples). Background is white.
 * The PCA is a few power iterations with deflation on the D x D covariance, written here.
 */
public final class DenseEmbeddingMap {
  private DenseEmbeddingMap() {}

  public static BufferedImage render(Mesh mesh, Camera camera, PointEmbedder net, int points,
      long seed) {
    float[] xyz = TransferStage.sample(mesh, points, seed);
    float[] emb = net.embed(xyz);
    int n = xyz.length / 3;
    int d = emb.length / n;
    double[][] pcs = principalComponents(emb, n, d, 3);
    double[] proj = new double[n * 3];
    double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += emb[i * d + k] * pcs[c][k];
        }
        proj[i * 3 + c] = s;
        lo[c] = Math.min(lo[c], s);
        hi[c] = Math.max(hi[c], s);
      }
    }
    RenderOutput r = new Rasterizer().render(mesh, camera, 0);
    int w = r.width();
    int h = r.height();
    float[] depth = r.depth();
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float z = depth[y * w + x];
        if (!(z > 0)) {
          img.setRGB(x, y, 0xffffff);
          continue;
        }
        Vec3 p = camera.unproject(x, y, z);
        int best = NearestSample.index(xyz, p);
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
          double v = hi[c] > lo[c] ? (proj[best * 3 + c] - lo[c]) / (hi[c] - lo[c]) : 0.5;
          rgb = (rgb << 8) | (int) Math.round(255 * Math.max(0, Math.min(1, v)));
        }
        img.setRGB(x, y, rgb);
      }
    }
    return img;
  }

  /** The top {@code k} unit principal directions of n rows of dimension d (centred). */
  static double[][] principalComponents(float[] rows, int n, int d, int k) {
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += rows[i * d + j] / (double) n;
      }
    }
    double[][] cov = new double[d][d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < d; a++) {
        double va = rows[i * d + a] - mean[a];
        for (int b = a; b < d; b++) {
          cov[a][b] += va * (rows[i * d + b] - mean[b]) / n;
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        cov[a][b] = cov[b][a];
      }
    }
    double[][] out = new double[k][d];
    for (int c = 0; c < Math.min(k, d); c++) {
      double[] v = new double[d];
      for (int j = 0; j < d; j++) {
        v[j] = 1.0 / Math.sqrt(d) * (1 + 0.01 * ((j * 7 + c * 13) % 5));
      }
      double lambda = 0;
      for (int it = 0; it < 200; it++) {
        double[] nv = new double[d];
        for (int a = 0; a < d; a++) {
          double s = 0;
          for (int b = 0; b < d; b++) {
            s += cov[a][b] * v[b];
          }
          nv[a] = s;
        }
        double norm = 0;
        for (double x : nv) {
          norm += x * x;
        }
        norm = Math.sqrt(norm);
        if (norm < 1e-15) {
          break;
        }
        for (int a = 0; a < d; a++) {
          v[a] = nv[a] / norm;
        }
        lambda = norm;
      }
      out[c] = v;
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          cov[a][b] -= lambda * v[a] * v[b];
        }
      }
    }
    return out;
  }
}
