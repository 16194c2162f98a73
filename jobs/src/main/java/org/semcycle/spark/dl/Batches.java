package org.semcycle.spark.dl;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** Groups a partition's rows into batches for the networks, lazily. */
public final class Batches {
  private Batches() {}

  public static <T> Iterator<List<T>> of(Iterator<T> rows, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("batch size must be >= 1");
    }
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public List<T> next() {
        if (!rows.hasNext()) {
          throw new NoSuchElementException();
        }
        List<T> b = new ArrayList<>(size);
        while (rows.hasNext() && b.size() < size) {
          b.add(rows.next());
        }
        return b;
      }
    };
  }
}
