package org.semcycle.cli;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command takes: configuration layers, the seed and the Spark master. */
public final class CommonOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Extra HOCON file over conf/semcycle.conf.")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = "Override any configuration value, e.g. --set semcycle.render.fov=40 (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--seed", description = "Base seed for every random choice (semcycle.seed).")
  Long seed;

  @Option(names = "--master", description = "Spark master URL (semcycle.spark.master), e.g. local[2], spark://host:7077.")
  String master;

  @Option(names = "--partitions", description = "Partitions for the job's work (semcycle.spark.partitions).")
  Integer partitions;

  @Option(names = "--verbose", description = "On an error, print the stack trace too (else one line).")
  boolean verbose;

  /** Loads the configuration with this command's named options on top. */
  public Config load(Map<String, Object> commandOptions) {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("semcycle.seed", seed);
    all.put("semcycle.spark.master", master);
    all.put("semcycle.spark.partitions", partitions);
    all.putAll(commandOptions);
    return SemcycleConfig.load(config, sets, all);
  }
}
