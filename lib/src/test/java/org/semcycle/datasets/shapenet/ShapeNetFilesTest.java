package org.semcycle.datasets.shapenet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.datasets.TestFiles;
import org.semcycle.geometry.Mesh;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.LocalDataRoot;

/** taxonomy.json, model_normalized.json and the catalog of a ShapeNetCore tree. */
class ShapeNetFilesTest {
  static final String TAXONOMY = """
      [{"synsetId": "02691156", "name": "airplane,aeroplane,plane",
        "children": ["02690373", "02842573"], "numInstances": 4045},
       {"synsetId": "03001627", "name": "chair", "children": [], "numInstances": 6778}]
      """;
  static final String TRI = "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n";

  @Test
  void taxonomyReadsAndRoundTrips() {
    Taxonomy t = Taxonomy.parse(TAXONOMY, "taxonomy.json");
    assertEquals(2, t.entries().size());
    TaxonomyEntry air = t.find("02691156").orElseThrow();
    assertEquals("airplane", air.firstName());
    assertEquals(List.of("02690373", "02842573"), air.children());
    assertEquals(6778, t.find("03001627").orElseThrow().numInstances());
    Taxonomy back = Taxonomy.parse(new String(t.toJson(), StandardCharsets.UTF_8), "t2");
    assertEquals(t.entries(), back.entries());
  }

  @Test
  void taxonomyMistypedFieldNamesEntry() {
    String bad = "[{\"synsetId\": \"03001627\", \"name\": \"chair\", \"children\": [], \"numInstances\": \"many\"}]";
    DataFormatException e = assertThrows(DataFormatException.class, () -> Taxonomy.parse(bad, "taxonomy.json"));
    assertTrue(e.getMessage().startsWith("taxonomy.json: entry 0 (synsetId 03001627), field 'numInstances'"),
        e.getMessage());
  }

  @Test
  void modelNormalizedJsonRoundTrips() {
    String json = "{\"max\": [0.5, 0.25, 0.1], \"min\": [-0.5, -0.25, -0.1],"
        + " \"centroid\": [0.01, 0.02, 0.03], \"id\": \"1a2b\", \"numVertices\": 1234}";
    ModelNormalizedJson m = ModelNormalizedJson.parse(json, "model_normalized.json");
    assertArrayEquals(new double[] {-0.5, -0.25, -0.1}, m.min());
    assertEquals(1234, m.numVertices());
    ModelNormalizedJson back = ModelNormalizedJson.parse(new String(m.toJson(), StandardCharsets.UTF_8), "x");
    assertArrayEquals(m.centroid(), back.centroid());
    assertEquals("1a2b", back.id());
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> ModelNormalizedJson.parse("{\"max\": [1, 2]}", "mn.json"));
    assertTrue(e.getMessage().contains("field 'max': expected 3 numbers"), e.getMessage());
  }

  @Test
  void catalogListsModelsAndCountsSkippedFolders(@TempDir Path dir) {
    LocalDataRoot root = new TestFiles(dir)
        .put("taxonomy.json", TAXONOMY)
        .put("03001627/bbb/models/model_normalized.obj", TRI)
        .put("03001627/aaa/models/model_normalized.obj", TRI)
        .put("03001627/ccc/models/model_normalized.json", "{}")
        .put("02691156/ddd/models/model_normalized.obj", TRI)
        .put("not_a_synset/eee/models/model_normalized.obj", TRI)
        .root();
    ShapeNetCatalog cat = ShapeNetCatalog.scan(root);
    assertEquals(List.of("02691156-ddd", "03001627-aaa", "03001627-bbb"),
        cat.models().stream().map(ShapeNetModel::key).toList());
    assertEquals(List.of(new SkippedModel("03001627", "ccc", "no models/model_normalized.obj")), cat.skipped());
    assertEquals(2, cat.models("03001627").size());
    Mesh m = cat.loadMesh(cat.find("03001627", "aaa").orElseThrow());
    assertEquals(1, m.faceCount());
    assertEquals("chair", cat.taxonomy().orElseThrow().find("03001627").orElseThrow().name());
    assertEquals(1, ShapeNetCatalog.scan(root, List.of("02691156", "04379243")).models().size());
  }

  @Test
  void modelWriterProducesTheCatalogLayout(@TempDir Path dir) throws Exception {
    Mesh original = ObjWriterTest.randomMesh(5, false);
    var nm = org.semcycle.geometry.MeshOps.normalizeToUnitDiagonal(original);
    ModelNormalizedJson json = ModelNormalizedJson.describe("m1", original);
    assertEquals(original.vertexCount(), json.numVertices());
    assertArrayEquals(original.bounds().max().toArray(), json.max());
    ShapeNetModelWriter.write(new org.semcycle.io.LocalDataSink(dir), "03001627", "m1", nm.mesh(), json);
    LocalDataRoot root = new LocalDataRoot(dir);
    ShapeNetCatalog cat = ShapeNetCatalog.scan(root);
    ShapeNetModel model = cat.models().get(0);
    assertEquals("03001627-m1", model.key());
    assertTrue(root.exists(model.mtlPath()));
    assertEquals("m1", ModelNormalizedJson.read(root, model.jsonPath()).id());
    assertEquals(1.0, cat.loadMesh(model).bounds().diagonal(), 1e-6);
  }
}
