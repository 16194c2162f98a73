package org.semcycle.datasets.pfpascal;

import java.io.IOException;
import java.util.List;
import org.semcycle.io.DataSink;

/**
 * Writes PF-PASCAL's layout through a {@link DataSink}: per-image .mat annotations and pair
 * CSVs, converting the in-memory 0-based pixels to the files' 1-based MATLAB pixels. Images are
 * written by the caller at {@link PfPascalLayout#image}, annotations beside them.
 */
public final class PfPascalWriter {
  private final DataSink sink;

  public PfPascalWriter(DataSink sink) {
    this.sink = sink;
  }

  /**
   * Writes the annotation of an image at {@link PfPascalLayout#annotationOf}: {@code
   * P/JPEGImages/<id>.jpg} -> {@code P/Annotations/<class>/<id>.mat}.
   */
  public void writeAnnotation(String imagePath, String className, PfPascalAnnotation a)
      throws IOException {
    sink.write(PfPascalLayout.annotationOf(imagePath, className), PfPascalMat.toBytes(a));
  }

  /** Writes a pair CSV of the given kind at a relative path (e.g. {@code test_pairs.csv}). */
  public void writePairs(String csvRelPath, List<PfPascalPair> pairs, PfPascalCsv.Kind kind)
      throws IOException {
    sink.write(csvRelPath, PfPascalCsv.toBytes(pairs, kind));
  }
}
