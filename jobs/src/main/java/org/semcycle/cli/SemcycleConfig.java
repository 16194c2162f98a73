package org.semcycle.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads the HOCON configuration. Layers, highest first: a command's named options, {@code --set
 * path=value}, JVM system properties, {@code --config FILE}, {@code conf/semcycle.conf} (from
 * {@code -Dsemcycle.conf.dir}, else ./conf), and the copy of conf/ packed in the jar (what
 * spark-submit on a cluster sees).
 */
public final class SemcycleConfig {
  private SemcycleConfig() {}

  /** Where conf/ is: the launcher sets -Dsemcycle.conf.dir; else ./conf when present. */
  public static Path confDir() {
    String dir = System.getProperty("semcycle.conf.dir");
    if (dir != null) {
      return Path.of(dir);
    }
    Path local = Path.of("conf");
    return Files.isRegularFile(local.resolve("semcycle.conf")) ? local : null;
  }

  /** The project's folder: the launcher sets -Dsemcycle.home; else the working directory. */
  public static Path home() {
    String h = System.getProperty("semcycle.home");
    return Path.of(h != null ? h : ".");
  }

  public static Config load(Path configFile, List<String> sets, Map<String, Object> options) {
    ConfigParseOptions strict = ConfigParseOptions.defaults().setAllowMissing(false);
    Config base;
    Path dir = confDir();
    if (dir != null) {
      base = ConfigFactory.parseFile(dir.resolve("semcycle.conf").toFile(), strict);
    } else {
      base = ConfigFactory.parseResources("conf/semcycle.conf", strict);
    }
    Config c = base;
    if (configFile != null) {
      if (!Files.isRegularFile(configFile)) {
        throw new IllegalArgumentException("--config: no such file: " + configFile);
      }
      c = ConfigFactory.parseFile(configFile.toFile(), strict).withFallback(c);
    }
    c = ConfigFactory.systemProperties().withFallback(c);
    if (sets != null) {
      for (String s : sets) {
        int eq = s.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--set expects path=value, got '" + s + "'");
        }
        String path = s.substring(0, eq).trim();
        String value = s.substring(eq + 1);
        Config one;
        try {
          one = ConfigFactory.parseString(path + " = " + value);
        } catch (ConfigException e) {
          one = ConfigFactory.empty().withValue(path, ConfigValueFactory.fromAnyRef(value));
        }
        c = one.withFallback(c);
      }
    }
    if (options != null) {
      for (Map.Entry<String, Object> e : options.entrySet()) {
        if (e.getValue() != null) {
          c = c.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue()));
        }
      }
    }
    return c.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
  }
}
