package org.semcycle.spark.dl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.semcycle.spark.HadoopDataRoot;

/**
 * A model directory on any Hadoop path (hdfs://, s3a://, file://) as a local folder, copied once
 * per executor JVM: DJL loads parameters from local files.
 */
public final class LocalModelCopies {
  private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();

  private LocalModelCopies() {}

  public static Path local(HadoopDataRoot dir) {
    if (dir.root().startsWith("file:")) {
      return Path.of(java.net.URI.create(dir.root()));
    }
    return COPIES.computeIfAbsent(
        dir.root(),
        k -> {
          try {
            Path tmp = Files.createTempDirectory("semcycle-model-");
            for (String name : dir.list("")) {
              if (dir.exists(name)) {
                try (InputStream in = dir.open(name)) {
                  Files.copy(in, tmp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
              }
            }
            return tmp;
          } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the model at " + dir.root(), e);
          }
        });
  }
}
