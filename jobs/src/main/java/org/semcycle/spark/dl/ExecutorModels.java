package org.semcycle.spark.dl;

import ai.djl.Device;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Models loaded once per executor JVM and device, shared by every task that runs there (the
 * pattern of DJL's Spark extension, which this registry does not serve). A model is keyed by
 * its location and the device; the first task to ask loads it, later tasks reuse it. Models
 * are closed when the JVM exits.
 */
public final class ExecutorModels {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);
  private static final Map<String, AutoCloseable> MODELS = new ConcurrentHashMap<>();
  private static final Map<String, Integer> LOADS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "semcycle-models-close"));
  }

  private ExecutorModels() {}

  /**
   * The model for {@code location} on {@code device}, loading it with {@code loader} the first
   * time. Thread-safe: concurrent tasks asking for the same key wait for one load.
   */
  @SuppressWarnings("unchecked")
  public static <T extends AutoCloseable> T get(String location, Device device, Function<Device, T> loader) {
    String key = Objects.requireNonNull(location) + "@" + device;
    return (T)
        MODELS.computeIfAbsent(
            key,
            k -> {
              long t0 = System.nanoTime();
              T m = loader.apply(device);
              LOADS.merge(k, 1, Integer::sum);
              LOG.info("loaded {} on {} in {} ms", location, device, (System.nanoTime() - t0) / 1_000_000);
              return m;
            });
  }

  /** How many times the model at {@code location} was loaded on {@code device} in this JVM. */
  public static int loadCount(String location, Device device) {
    return LOADS.getOrDefault(location + "@" + device, 0);
  }

  /** Closes and forgets every cached model (tests; JVM exit). */
  public static synchronized void closeAll() {
    for (AutoCloseable m : MODELS.values()) {
      try {
        m.close();
      } catch (Exception e) {
        LOG.warn("closing a cached model failed: {}", e.toString());
      }
    }
    MODELS.clear();
  }
}
