package org.semcycle.datasets.shapenet;

import java.util.List;
import org.semcycle.datasets.parse.NumberText;
import org.semcycle.geometry.Material;

/** Writes materials as a .mtl file: {@code newmtl}, {@code Kd} and {@code map_Kd} when set. */
public final class MtlWriter {
  private MtlWriter() {}

  /** The .mtl text for the materials, in list order; deterministic. */
  public static String toMtl(List<Material> materials) {
    StringBuilder sb = new StringBuilder("# semcycle MtlWriter\n");
    for (Material m : materials) {
      sb.append('\n').append("newmtl ").append(m.name()).append('\n').append("Kd");
      for (double c : m.kd()) {
        NumberText.append(sb.append(' '), c);
      }
      sb.append('\n');
      if (m.textureName() != null) {
        sb.append("map_Kd ").append(m.textureName()).append('\n');
      }
    }
    return sb.toString();
  }
}
