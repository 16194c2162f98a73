package org.semcycle.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --mode overwrite|resume} for the jobs that write a sharded output folder (render,
 * benchmark, kpdb; {@link org.semcycle.spark.ShardedOutput}). Mixed into a command beside
 * {@link CommonOptions}; its value lands in {@code semcycle.output.mode}.
 */
public final class OutputOptions {
  @Option(
      names = "--mode",
      paramLabel = "overwrite|resume",
      description = "overwrite: replace what OUT holds; resume: keep the models already written and"
          + " compute only the missing ones (semcycle.output.mode).")
  String mode;

  /** Adds this option's configuration value to a command's option map. */
  public Map<String, Object> addTo(Map<String, Object> options) {
    options.put("semcycle.output.mode", mode);
    return options;
  }
}
