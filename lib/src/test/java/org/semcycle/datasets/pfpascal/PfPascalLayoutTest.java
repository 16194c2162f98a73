package org.semcycle.datasets.pfpascal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semcycle.datasets.pfpascal.PfPascalFixture.Image;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.LocalDataRoot;

/** The release's layout (PF-dataset-PASCAL/ below the pair lists) and ours, read the same way. */
class PfPascalLayoutTest {
  @TempDir Path dir;

  @Test
  void annotationLiesBesideTheImagesJpegImagesFolder() {
    assertEquals("PF-dataset-PASCAL/Annotations/aeroplane/2008_004165.mat",
        PfPascalLayout.annotationOf("PF-dataset-PASCAL/JPEGImages/2008_004165.jpg", "aeroplane"));
    assertEquals("Annotations/cat/2009_000001.mat", PfPascalLayout.annotationOf("JPEGImages/2009_000001.jpg", "cat"));
    assertEquals("a/b/Annotations/cow/x_1.mat", PfPascalLayout.annotationOf("a/b/JPEGImages/x_1.png", "cow"));
    for (String base : List.of("", "PF-dataset-PASCAL", "a/b")) {
      String image = PfPascalLayout.image(base, "2008_000001");
      assertEquals(base, PfPascalLayout.base(image), image);
      assertEquals(PfPascalLayout.annotationsDir(base) + "/dog/2008_000001.mat",
          PfPascalLayout.annotationOf(image, "dog"));
    }
    assertEquals("PF-dataset-PASCAL/JPEGImages/2008_000001.jpg",
        PfPascalLayout.image(PfPascalLayout.RELEASE_DIR, "2008_000001"));
    for (String bad : List.of("2008_000001.jpg", "PF-dataset-PASCAL/Images/2008_000001.jpg",
        "JPEGImages/x/2008_000001.jpg", "MyJPEGImages/2008_000001.jpg")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> PfPascalLayout.annotationOf(bad, "dog"), bad);
      assertTrue(e.getMessage().contains(bad) && e.getMessage().contains("JPEGImages"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class,
        () -> PfPascalLayout.annotationOf("JPEGImages/2008_000001.jpg", "airplane"), "VOC names only");
  }

  @ParameterizedTest
  @ValueSource(strings = {"PF-dataset-PASCAL", ""})
  void readerListsPairsAndFindsEachImagesAnnotation(String base) throws Exception {
    PfPascalFixture.write(dir, base);
    PfPascalReader reader = new PfPascalReader(new LocalDataRoot(dir));
    String a = PfPascalFixture.imagePath(base, PfPascalFixture.PLANE_A);
    String b = PfPascalFixture.imagePath(base, PfPascalFixture.PLANE_B);

    List<PfPascalPair> test = reader.readPairs(PfPascalFixture.TEST_CSV);
    assertEquals(2, test.size());
    assertEquals(a, test.get(0).sourceImage());
    assertEquals(b, test.get(0).targetImage());
    assertEquals("aeroplane", test.get(0).className());
    double[][] kpsA = PfPascalFixture.PLANE_A.annotation().kps();
    double[][] kpsB = PfPascalFixture.PLANE_B.annotation().kps();
    // The CSV's 1-based keypoints are the annotations' rows 0 and 2 (visible in both), 0-based.
    assertTrue(Arrays.deepEquals(new double[][] {kpsA[0], kpsA[2]}, test.get(0).sourceKps()));
    assertTrue(Arrays.deepEquals(new double[][] {kpsB[0], kpsB[2]}, test.get(0).targetKps()));
    assertTrue(Arrays.deepEquals(test.get(0).sourceKps(), test.get(1).targetKps()));

    List<PfPascalPair> val = reader.readPairs(PfPascalFixture.VAL_CSV);
    assertEquals(List.of(1, 0), val.stream().map(PfPascalPair::flip).toList());
    assertEquals(List.of("aeroplane", "chair"), val.stream().map(PfPascalPair::className).toList());
    assertEquals(PfPascalFixture.imagePath(base, PfPascalFixture.CHAIR_B), val.get(1).targetImage());

    List<PfPascalPair> all = new java.util.ArrayList<>(test);
    all.addAll(val);
    for (PfPascalPair p : all) {
      for (String image : List.of(p.sourceImage(), p.targetImage())) {
        Image im = PfPascalFixture.IMAGES.stream()
            .filter(i -> image.equals(PfPascalFixture.imagePath(base, i))).findFirst().orElseThrow();
        PfPascalAnnotation got = reader.readAnnotationOf(image, p.classId());
        assertTrue(Arrays.deepEquals(im.annotation().kps(), got.kps()), image);
        assertArrayEquals(im.annotation().bbox(), got.bbox(), image);
        assertEquals(im.width(), reader.loadImage(image, 1 << 20).getWidth(), image);
      }
    }
  }

  @Test
  void aMissingAnnotationIsAnErrorNamingTheFile() throws Exception {
    PfPascalFixture.write(dir, PfPascalLayout.RELEASE_DIR);
    String mat = "PF-dataset-PASCAL/Annotations/aeroplane/2009_002457.mat";
    Files.delete(dir.resolve(mat));
    PfPascalReader reader = new PfPascalReader(new LocalDataRoot(dir));
    PfPascalPair p = reader.readPairs(PfPascalFixture.TEST_CSV).get(0);
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> reader.readAnnotationOf(p.targetImage(), p.classId()));
    assertEquals(dir.resolve(mat).toString() + ": file not found (the aeroplane annotation of "
        + "PF-dataset-PASCAL/JPEGImages/2009_002457.jpg)", e.getMessage());
    DataFormatException path = assertThrows(DataFormatException.class,
        () -> reader.readAnnotationOf("PF-dataset-PASCAL/2009_002457.jpg", p.classId()));
    assertTrue(path.getMessage().startsWith(dir.resolve("PF-dataset-PASCAL/2009_002457.jpg") + ": "),
        path.getMessage());
  }
}
