package org.semcycle.rendering;

import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * Supplies the image of a material's texture (the .mtl's map_Kd name, relative to the .mtl's
 * folder). Returns null when the texture is not available: faces then take the material's Kd.
 * Implementations that read files raise {@code DataFormatException} for unreadable images.
 */
@FunctionalInterface
public interface TextureLoader {
  /** A loader that has no textures: every face is drawn with its material's Kd. */
  TextureLoader NONE = name -> null;

  BufferedImage load(String textureName);

  /** A loader backed by a map from texture name to image. */
  static TextureLoader of(Map<String, BufferedImage> images) {
    Map<String, BufferedImage> copy = Map.copyOf(images);
    return copy::get;
  }
}
