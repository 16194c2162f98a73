package org.semcycle.jobs.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.cycle.CycleSetting;
import org.semcycle.embedding.KeypointTransfer;

class InferSettingsTest {
  private static KeypointTransfer.Options transfer(Map<String, Object> options) {
    return InferSettings.of(SemcycleConfig.load(null, List.of(), options),
        EnumSet.of(CycleSetting.FULL), Set.of()).transfer();
  }

  @Test
  void transferSearchComesFromConfig() {
    KeypointTransfer.Options defaults = transfer(Map.of());
    assertEquals(KeypointTransfer.Mode.KNN_VOTE, defaults.mode());
    assertEquals(8, defaults.k());
    assertEquals(KeypointTransfer.Search.defaults(), defaults.search(),
        "the configuration's default is the library's");
    assertEquals(4, defaults.search().probes());
    assertEquals(KeypointTransfer.Search.index(3),
        transfer(Map.of("semcycle.infer.transfer.probes", 3)).search());
    assertEquals(KeypointTransfer.Search.exact(),
        transfer(Map.of("semcycle.infer.transfer.search", "exact")).search());
    InferSettings s = InferSettings.of(SemcycleConfig.load(null, List.of(),
        Map.of("semcycle.infer.transfer.probes", 5)), EnumSet.of(CycleSetting.FULL), Set.of());
    assertEquals(KeypointTransfer.Search.index(5), s.withVisualize(Set.of()).transfer().search());
    assertEquals(KeypointTransfer.Search.index(5), s.withTorchThreads(2).transfer().search());
  }

  @Test
  void badSearchKeysAreNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> transfer(Map.of("semcycle.infer.transfer.search", "kdtree")));
    assertTrue(e.getMessage().contains("semcycle.infer.transfer.search"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> transfer(Map.of("semcycle.infer.transfer.probes", 0)));
    assertTrue(e.getMessage().contains("semcycle.infer.transfer.probes"), e.getMessage());
  }
}
