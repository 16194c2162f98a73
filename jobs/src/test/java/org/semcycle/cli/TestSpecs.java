package org.semcycle.cli;

import com.typesafe.config.Config;
import java.util.List;
import org.semcycle.synthetic.SynthSpec;

/** Test access to the configuration readers of the cli package. */
public final class TestSpecs {
  private TestSpecs() {}

  public static SynthSpec synth(Config c, List<String> categories, int models) {
    SynthSpec s = SynthSpecs.from(c);
    return new SynthSpec(s.seed(), categories, models, s.trainFraction(), s.valFraction(), s.pcdPoints(), s.vocabulary());
  }
}
