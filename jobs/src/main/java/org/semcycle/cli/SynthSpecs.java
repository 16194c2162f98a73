package org.semcycle.cli;

import com.typesafe.config.Config;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.synthetic.SynthSpec;

/** Reads a {@link SynthSpec} from configuration (semcycle.synth, semcycle.seed, keypoints). */
final class SynthSpecs {
  private SynthSpecs() {}

  static SynthSpec from(Config c) {
    Config s = c.getConfig("semcycle.synth");
    return new SynthSpec(
        c.getLong("semcycle.seed"),
        s.getStringList("categories"),
        s.getInt("models-per-category"),
        s.getDouble("split.train"),
        s.getDouble("split.val"),
        s.getInt("pcd-points"),
        KeypointVocabulary.fromConfig(c));
  }

}
