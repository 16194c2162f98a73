package org.semcycle.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semcycle.benchmarks.BenchmarkCategory;
import org.semcycle.benchmarks.BenchmarkLayout;
import org.semcycle.datasets.pfpascal.PfPascalFixture;
import org.semcycle.datasets.pfpascal.PfPascalReader;
import org.semcycle.io.DataRoot;
import org.semcycle.io.LocalDataRoot;
import org.semcycle.io.LocalDataSink;

/** The listing of a PF-PASCAL set, its boxes and pairs, in the release's layout and in ours. */
class PfPascalImagesTest {
  @TempDir Path dir;

  static final List<BenchmarkCategory> CATS = List.of(
      new BenchmarkCategory("airplane", "02691156", "aeroplane", 4),
      new BenchmarkCategory("chair", "03001627", "chair", 2));

  @ParameterizedTest
  @ValueSource(strings = {"PF-dataset-PASCAL", ""})
  void imagesAndPairsFindTheirAnnotationsBesideTheImages(String base) throws Exception {
    PfPascalFixture.write(dir, base);
    LocalDataRoot root = new LocalDataRoot(dir);
    String a = PfPascalFixture.imagePath(base, PfPascalFixture.PLANE_A);
    String b = PfPascalFixture.imagePath(base, PfPascalFixture.PLANE_B);
    String p = base.isEmpty() ? "" : base + "/";

    ImageSet.Listing listing = new PfPascalImages().list(root, CATS);
    assertEquals(Map.of(), listing.rejects());
    assertEquals(List.of(a, b), listing.tasks().stream().map(ImageTask::imagePath).toList());
    assertEquals(List.of(p + "Annotations/aeroplane/2008_004165.mat", p + "Annotations/aeroplane/2009_002457.mat"),
        listing.tasks().stream().map(ImageTask::boxSource).toList());
    PfPascalReader reader = new PfPascalReader(root);
    for (ImageTask t : listing.tasks()) {
      assertTrue(root.exists(t.boxSource()), t.boxSource());
      assertEquals("airplane", t.category());
      // The box the cycle gets: the annotation beside the image.
      PfPascalFixture.Image im = t.imageId().equals(PfPascalFixture.PLANE_A.id()) ? PfPascalFixture.PLANE_A : PfPascalFixture.PLANE_B;
      assertArrayEquals(im.annotation().bbox(), reader.readAnnotationOf(t.imagePath(), t.vocClassId()).bbox());
      assertArrayEquals(im.annotation().bbox(), new PfPascalImages().box(root, t));
    }

    List<ImagePair> pairs = new PfPascalImages().pairs(root, CATS);
    assertEquals(List.of("0:2008_004165-2009_002457", "1:2009_002457-2008_004165"),
        pairs.stream().map(ImagePair::pairId).toList());
    ImagePair.Resolved r = pairs.get(0).resolve(root);
    assertArrayEquals(new int[] {0, 2}, r.keypointIds(), "the ids visible in both annotations");
    assertArrayEquals(PfPascalFixture.PLANE_A.annotation().bbox(), r.sourceBox());
    assertArrayEquals(PfPascalFixture.PLANE_B.annotation().bbox(), r.targetBox());
    assertEquals(a, pairs.get(0).sourceImage());
  }

  @Test
  void anImageOutsideJpegImagesIsAListingRejectNamingTheCsvLine() throws Exception {
    PfPascalFixture.write(dir, "PF-dataset-PASCAL");
    new LocalDataSink(dir).write(BenchmarkLayout.PFPASCAL_TEST_PAIRS, DataRoot.utf8(
        "source_image,target_image,class,XA,YA,XB,YB\n"
            + "PF-dataset-PASCAL/JPEGImages/2010_000001.jpg,PF-dataset-PASCAL/2010_000002.jpg,9,8,9,10,10\n"));
    ImageSet.Listing listing = new PfPascalImages().list(new LocalDataRoot(dir), CATS);
    assertEquals(1, listing.tasks().size());
    String reason = listing.rejects().get("chair/2010_000002");
    assertTrue(reason != null && reason.startsWith(dir.resolve("test_pairs.csv") + ":2: ")
        && reason.contains("PF-dataset-PASCAL/2010_000002.jpg"), listing.rejects().toString());
  }
}
