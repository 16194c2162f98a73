package org.semcycle.geometry;

/**
 * A surface material as an OBJ .mtl file gives it: diffuse colour Kd (0..1 each) and an
 * optional diffuse texture file name (map_Kd), relative to the .mtl's folder.
 */
public record Material(String name, double[] kd, String textureName) {
  public static final Material DEFAULT = new Material("default", new double[] {0.7, 0.7, 0.7}, null);

  public Material {
    if (kd == null || kd.length != 3) {
      throw new IllegalArgumentException("Kd needs 3 components");
    }
    kd = kd.clone();
  }

  public Material(String name, double r, double g, double b) {
    this(name, new double[] {r, g, b}, null);
  }
}
