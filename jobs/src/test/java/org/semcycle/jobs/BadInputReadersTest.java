package org.semcycle.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.cli.SemcycleConfig;
import org.semcycle.datasets.pfpascal.PfPascalReader;
import org.semcycle.datasets.pix3d.Pix3dReader;
import org.semcycle.datasets.pix3d.Pix3dRecord;
import org.semcycle.datasets.spair.SpairReader;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.ImageLoader;
import org.semcycle.testing.BadInputCorpus;
import org.semcycle.testing.BadInputCorpus.Case;
import org.semcycle.testing.RecordingDataRoot;

/**
 * The bad-input corpus through the data-set readers the inference job uses (Pix3D, SPair-71k,
 * PF-PASCAL): each broken image or annotation is refused with a DataFormatException naming the
 * file and the problem, good inputs next to it still load, a 20000x20000 image is refused from
 * its header (no pixel buffer), and no reader asks for a path outside its root.
 */
class BadInputReadersTest {
  @TempDir static Path tmp;
  static BadInputCorpus.Corpus corpus;

  @BeforeAll
  static void write() throws Exception {
    corpus = BadInputCorpus.write(tmp.resolve("corpus"), SemcycleConfig.load(null, List.of(), Map.of()));
  }

  @Test
  void pix3dRecordsWithBrokenImagesOrUnsafePathsAreRejected() {
    RecordingDataRoot root = new RecordingDataRoot(corpus.pix3d());
    Pix3dReader reader = new Pix3dReader(root);
    Pix3dReader.Index index = reader.readRecords(Pix3dReader.INDEX);
    Map<String, String> rejects = new LinkedHashMap<>();
    for (DataFormatException e : index.rejects()) {
      rejects.put(e.getMessage(), e.getMessage());
    }
    List<String> loaded = new ArrayList<>();
    for (Pix3dRecord r : index.records()) {
      outcome(() -> reader.loadImage(r, ImageLoader.DEFAULT_MAX_PIXELS), r.img(), loaded, rejects);
    }
    System.err.println("pix3d: loaded " + loaded + ", rejected " + rejects.values());
    assertEquals(List.of("img/chair/good.png", "img/chair/tiny.png"), loaded);
    assertEquals(7, loaded.size() + rejects.size(), "records = loaded + rejects");
    for (Case c : BadInputCorpus.PIX3D_CASES) {
      assertTrue(rejects.values().stream().anyMatch(m -> m.contains(c.reason())), c + " in " + rejects.values());
    }
    assertEquals(List.of(), root.escapes(), "paths asked outside the root");
    DataFormatException e =
        assertThrows(DataFormatException.class, () -> reader.readRecords("pix3d_malformed.json"));
    assertTrue(e.getMessage().contains("pix3d_malformed.json") && e.getMessage().contains("JSON"), e.getMessage());
  }

  @Test
  void spairImagesAndAnnotationsThatAreBrokenAreRejected() {
    RecordingDataRoot root = new RecordingDataRoot(corpus.spair());
    SpairReader reader = new SpairReader(root);
    List<String> loaded = new ArrayList<>();
    Map<String, String> rejects = new LinkedHashMap<>();
    List<String> ids = reader.imageIds("chair");
    for (String id : ids) {
      outcome(() -> {
        BufferedImage img = reader.loadImage("chair", id, ImageLoader.DEFAULT_MAX_PIXELS);
        if (root.exists("ImageAnnotation/chair/" + id + ".json")) {
          reader.readImageAnnotation("chair", id);
        }
        return img;
      }, id, loaded, rejects);
    }
    System.err.println("spair: loaded " + loaded + ", rejected " + rejects);
    assertEquals(List.of("2008_000001", "2008_000002"), loaded);
    assertEquals(ids.size(), loaded.size() + rejects.size());
    for (Case c : BadInputCorpus.SPAIR_IMAGE_CASES) {
      assertTrue(rejects.get(c.key()) != null && rejects.get(c.key()).contains(c.reason()), c + ": " + rejects);
    }
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> SpairReader.parsePair(root.readUtf8("PairAnnotation/test/000001-2008_000001-2008_000002:chair.json"),
            "pair.json"));
    assertTrue(e.getMessage().contains("JSON"), e.getMessage());
    assertEquals(List.of(), root.escapes());
  }

  @Test
  void pfpascalWrongMatTypesMalformedCsvAndUnsafeImagePathsAreRejected() {
    RecordingDataRoot root = new RecordingDataRoot(corpus.pfpascal());
    PfPascalReader reader = new PfPascalReader(root);
    assertEquals(1, reader.readAnnotationOf("JPEGImages/2008_000001.jpg", "chair").kps().length);
    for (Case c : BadInputCorpus.PFPASCAL_CASES) {
      DataFormatException e = assertThrows(DataFormatException.class, () -> {
        if (c.key().endsWith(".mat")) {
          reader.readAnnotation(c.key());
        } else {
          reader.readPairs(c.key());
        }
      });
      System.err.println("pfpascal: " + c.key() + " -> " + e.getMessage());
      assertTrue(e.getMessage().contains(c.reason()) && e.getMessage().contains(c.key()), c + ": " + e.getMessage());
    }
    for (String unsafe : List.of("../outside/secret.png", corpus.outside().resolve("secret.png").toString())) {
      DataFormatException e = assertThrows(DataFormatException.class,
          () -> reader.loadImage(unsafe, ImageLoader.DEFAULT_MAX_PIXELS));
      assertTrue(e.getMessage().contains("root") || e.getMessage().contains("absolute"), e.getMessage());
    }
    assertEquals(12, reader.loadImage("JPEGImages/2008_000001.jpg", ImageLoader.DEFAULT_MAX_PIXELS).getWidth());
  }

  private static void outcome(Supplier<BufferedImage> load, String key, List<String> loaded, Map<String, String> rejects) {
    try {
      load.get();
      loaded.add(key);
    } catch (DataFormatException e) {
      rejects.put(key, e.getMessage());
    }
  }
}
