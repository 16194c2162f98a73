package org.semcycle.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.datasets.keypointnet.AnnotationReader;
import org.semcycle.datasets.keypointnet.Keypoint;
import org.semcycle.datasets.keypointnet.KeypointVocabulary;
import org.semcycle.datasets.keypointnet.ModelAnnotation;
import org.semcycle.datasets.keypointnet.PcdReader;
import org.semcycle.datasets.keypointnet.PointCloud;
import org.semcycle.datasets.keypointnet.SplitEntry;
import org.semcycle.datasets.keypointnet.Splits;
import org.semcycle.datasets.shapenet.ShapeNetCatalog;
import org.semcycle.datasets.shapenet.ShapeNetModel;
import org.semcycle.datasets.shapenet.Taxonomy;
import org.semcycle.geometry.Mesh;
import org.semcycle.geometry.NearestPoint;
import org.semcycle.geometry.Vec3;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;

/** The written data set reads back through the real-format readers, and does not depend on threads. */
class SyntheticWorldTest {

  static KeypointVocabulary vocabulary() {
    Path p = Path.of("../conf/keypoints.conf");
    return KeypointVocabulary.load(Files.exists(p) ? p : Path.of("conf/keypoints.conf"));
  }

  static SynthSpec spec(int models) {
    return new SynthSpec(7, List.of("chair", "car", "airplane"), models, 0.6, 0.2, 2048, vocabulary());
  }

  @Test
  void byteIdenticalWhateverTheThreadCount(@TempDir Path tmp) throws IOException {
    SyntheticWorld.write(spec(4), new LocalDataSink(tmp.resolve("one")), 1);
    SyntheticWorld.write(spec(4), new LocalDataSink(tmp.resolve("two")), 2);
    Map<String, byte[]> a = files(tmp.resolve("one"));
    Map<String, byte[]> b = files(tmp.resolve("two"));
    assertEquals(a.keySet(), b.keySet());
    for (String k : a.keySet()) {
      assertArrayEquals(a.get(k), b.get(k), k);
    }
    // 3 categories x 4 models x (obj, mtl, json, pcd) + 3 annotations + taxonomy + 3 splits
    // + keypoint means
    assertEquals(3 * 4 * 4 + 3 + 1 + 3 + 1, a.size(), a.keySet().toString());
  }

  @Test
  void readsBackThroughTheRealFormatReaders(@TempDir Path tmp) throws IOException {
    SynthReport r = SyntheticWorld.write(spec(5), new LocalDataSink(tmp), 2);
    assertEquals(15, r.models());
    LocalDataRoot shapes = new LocalDataRoot(tmp.resolve(SyntheticWorld.SHAPENET));
    LocalDataRoot kpn = new LocalDataRoot(tmp.resolve(SyntheticWorld.KEYPOINTNET));
    ShapeNetCatalog cat = ShapeNetCatalog.scan(shapes);
    assertEquals(15, cat.models().size());
    assertEquals(3, Taxonomy.read(shapes, Taxonomy.FILE).entries().size());
    Set<String> inSplits = new HashSet<>();
    for (String s : Splits.NAMES) {
      for (SplitEntry e : Splits.read(kpn, "splits/" + s + ".txt")) {
        assertTrue(inSplits.add(e.key()), "a model is in one split only: " + e.key());
      }
    }
    assertEquals(15, inSplits.size());
    for (String category : List.of("chair", "car", "airplane")) {
      for (ModelAnnotation a : AnnotationReader.read(kpn, "annotations/" + category + ".json")) {
        ShapeNetModel m = cat.find(a.classId(), a.modelId()).orElseThrow();
        Mesh mesh = cat.loadMesh(m);
        assertEquals(1.0, mesh.bounds().diagonal(), 1e-6, "bounding diagonal 1");
        PointCloud pcd = PcdReader.read(kpn, "pcds/" + a.classId() + "/" + a.modelId() + ".pcd");
        assertEquals(2048, pcd.size());
        for (Keypoint k : a.keypoints()) {
          double[] w = k.faceUv();
          Vec3 onFace = mesh.pointOnFace(k.faceIndex(), w[0], w[1], w[2]);
          assertEquals(0, onFace.distance(Vec3.of(k.xyz())), 1e-5, "xyz = face_index + face_uv");
          assertEquals(
              NearestPoint.nearest(pcd.xyz(), Vec3.of(k.xyz())), k.pcdPointIndex(), "point_index is the nearest PCD point");
        }
      }
    }
  }

  @Test
  void keypointMeansSummariseTheWrittenAnnotations(@TempDir Path tmp) throws IOException {
    SyntheticWorld.write(spec(5), new LocalDataSink(tmp), 2);
    List<String> lines = Files.readAllLines(tmp.resolve(SyntheticWorld.KEYPOINT_MEANS));
    assertEquals("category,id,name,models,mean_x,mean_y,mean_z,sd_x,sd_y,sd_z", lines.get(0));
    LocalDataRoot kpn = new LocalDataRoot(tmp.resolve(SyntheticWorld.KEYPOINTNET));
    KeypointVocabulary v = vocabulary();
    Set<String> rows = new HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      int id = Integer.parseInt(f[1]);
      assertEquals(v.category(f[0]).name(id), f[2]);
      // Recompute from the annotation file: models holding the id and the mean of its x, y, z.
      int models = 0;
      double[] sum = new double[3];
      for (ModelAnnotation a : AnnotationReader.read(kpn, "annotations/" + f[0] + ".json")) {
        for (Keypoint k : a.keypoints()) {
          if (k.semanticId() == id) {
            models++;
            for (int i = 0; i < 3; i++) {
              sum[i] += k.xyz()[i];
            }
          }
        }
      }
      assertEquals(models, Integer.parseInt(f[3]), line);
      for (int i = 0; i < 3; i++) {
        assertEquals(sum[i] / models, Double.parseDouble(f[4 + i]), 5e-5, line);
      }
      rows.add(f[0] + ":" + id);
    }
    for (int id = 0; id <= 5; id++) {
      assertTrue(rows.contains("chair:" + id), "every chair has id " + id + ": " + rows);
    }
    assertTrue(rows.contains("car:0") && rows.contains("airplane:0"), rows.toString());
  }

  static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return m;
  }
}
