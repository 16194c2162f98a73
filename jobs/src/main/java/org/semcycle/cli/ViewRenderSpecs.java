package org.semcycle.cli;

import com.typesafe.config.Config;
import java.util.List;
import org.semcycle.rendering.dataset.ViewRenderSpec;

/** Reads a {@link ViewRenderSpec} from semcycle.render and semcycle.seed. */
final class ViewRenderSpecs {
  private ViewRenderSpecs() {}

  static ViewRenderSpec from(Config c) {
    Config r = c.getConfig("semcycle.render");
    List<Double> d = r.getDoubleList("distance");
    if (d.size() != 2) {
      throw new IllegalArgumentException("semcycle.render.distance must be [min, max], got " + d);
    }
    return new ViewRenderSpec(
        c.getLong("semcycle.seed"),
        r.getInt("views-per-model"),
        r.getInt("image-size"),
        r.getDouble("fov"),
        d.get(0),
        d.get(1),
        ViewRenderSpec.Sampling.parse(r.getString("camera-sampling")),
        r.getDouble("in-plane-max"),
        r.getString("background"),
        r.getInt("supersampling"),
        r.getInt("voxel-resolution"));
  }
}
