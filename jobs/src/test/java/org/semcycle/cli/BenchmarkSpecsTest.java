package org.semcycle.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.semcycle.benchmarks.BenchmarkFormat;
import org.semcycle.benchmarks.BenchmarkSpec;

/** semcycle.benchmark as a BenchmarkSpec: conf/ defaults, --formats as a string, bad values. */
class BenchmarkSpecsTest {
  @Test
  void confDefaultsAreTheSpecDefaults() {
    BenchmarkSpec fromConf = BenchmarkSpecs.from(SemcycleConfig.load(null, List.of(), Map.of()));
    assertEquals(BenchmarkSpec.defaults(42, fromConf.categories()), fromConf);
    assertEquals(List.of("airplane", "car", "chair"), fromConf.categories().stream().map(c -> c.name()).toList());
    assertEquals("aeroplane", fromConf.categories().get(0).vocClass());
    assertEquals(22, fromConf.categories().get(1).keypointSlots(), "car ids 0..21");
  }

  @Test
  void formatsFromTheCommandLine() {
    BenchmarkSpec s =
        BenchmarkSpecs.from(SemcycleConfig.load(null, List.of(), Map.of("semcycle.benchmark.formats", "spair,pfpascal")));
    assertEquals(EnumSet.of(BenchmarkFormat.SPAIR, BenchmarkFormat.PFPASCAL), s.formats());
    var e = assertThrows(IllegalArgumentException.class,
        () -> BenchmarkSpecs.from(SemcycleConfig.load(null, List.of(), Map.of("semcycle.benchmark.formats", "coco"))));
    assertEquals("benchmark format must be pix3d, spair or pfpascal, got 'coco'", e.getMessage());
  }
}
