package org.semcycle.datasets.keypointnet;

import java.io.IOException;
import org.semcycle.datasets.parse.NumberText;
import org.semcycle.io.DataRoot;
import org.semcycle.io.DataSink;

/**
 * Writes an ASCII PCD v0.7 file with {@code FIELDS x y z rgb}, {@code TYPE F F F U}: the
 * colour as one unsigned integer {@code 0xRRGGBB} (KeypointNet's form); coordinates as the shortest
 * text that reads back to the same float, without exponent. Deterministic.
 */
public final class PcdWriter {
  private PcdWriter() {}

  public static String toPcd(PointCloud cloud) {
    int n = cloud.size();
    float[] xyz = cloud.xyz();
    int[] rgb = cloud.rgb();
    StringBuilder sb = new StringBuilder(256 + 48 * n);
    sb.append("# .PCD v0.7 - Point Cloud Data file format\n")
        .append("VERSION 0.7\n")
        .append("FIELDS x y z rgb\n")
        .append("SIZE 4 4 4 4\n")
        .append("TYPE F F F U\n")
        .append("COUNT 1 1 1 1\n")
        .append("WIDTH ").append(n).append('\n')
        .append("HEIGHT 1\n")
        .append("VIEWPOINT 0 0 0 1 0 0 0\n")
        .append("POINTS ").append(n).append('\n')
        .append("DATA ascii\n");
    for (int i = 0; i < n; i++) {
      sb.append(NumberText.plainFloat(xyz[3 * i])).append(' ')
          .append(NumberText.plainFloat(xyz[3 * i + 1])).append(' ')
          .append(NumberText.plainFloat(xyz[3 * i + 2])).append(' ')
          .append(rgb[i] & 0xffffff).append('\n');
    }
    return sb.toString();
  }

  /** Writes the cloud to {@code relPath} (e.g. "pcds/03001627/&lt;model&gt;.pcd"). */
  public static void write(DataSink sink, String relPath, PointCloud cloud) throws IOException {
    sink.write(relPath, DataRoot.utf8(toPcd(cloud)));
  }
}
