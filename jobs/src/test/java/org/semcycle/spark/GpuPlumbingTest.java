package org.semcycle.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semcycle.spark.dl.TaskDevice;

/**
 * GPU plumbing without a GPU: a local-cluster executor with two fake GPU addresses runs two
 * tasks at once; each task must see a different address from Spark's "gpu" resource, and the
 * device it resolves falls back to the CPU because this machine has no CUDA.
 */
class GpuPlumbingTest {

  @Test
  void concurrentTasksGetDistinctGpuAddressesAndFallBackToCpu(@TempDir Path tmp) throws Exception {
    Path script = LocalCluster.fakeGpuDiscoveryScript(tmp, "0", "1");
    SparkSession s =
        LocalCluster.builder(1, 2, 1536)
            .appName("gpu-plumbing")
            .config("spark.worker.resource.gpu.amount", "2")
            .config("spark.worker.resource.gpu.discoveryScript", script.toString())
            .config("spark.executor.resource.gpu.amount", "2")
            .config("spark.executor.resource.gpu.discoveryScript", script.toString())
            .config("spark.task.resource.gpu.amount", "1")
            .config("spark.executor.cores", "2")
            .getOrCreate();
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(s.sparkContext());
      List<String> seen =
          jsc.parallelize(List.of(0, 1), 2)
              .mapPartitions(
                  it -> {
                    long start = System.currentTimeMillis();
                    String addr = TaskDevice.gpuAddress();
                    String device = TaskDevice.current().toString();
                    Thread.sleep(1500);
                    long end = System.currentTimeMillis();
                    List<String> r = new ArrayList<>();
                    r.add(addr + "|" + device + "|" + start + "|" + end);
                    return r.iterator();
                  })
              .collect();
      assertEquals(2, seen.size());
      Set<String> addrs = new HashSet<>();
      long[] starts = new long[2];
      long[] ends = new long[2];
      for (int i = 0; i < 2; i++) {
        String[] f = seen.get(i).split("\\|");
        addrs.add(f[0]);
        assertEquals("cpu()", f[1], "no CUDA here: the task must fall back to the CPU");
        starts[i] = Long.parseLong(f[2]);
        ends[i] = Long.parseLong(f[3]);
      }
      assertEquals(Set.of("0", "1"), addrs, "the two tasks must get different GPU addresses");
      assertTrue(starts[0] < ends[1] && starts[1] < ends[0], "the two tasks ran concurrently");
    } finally {
      s.stop();
    }
  }

  @Test
  void gpuSettingsAreRefusedInLocalMode() {
    var c =
        ConfigFactory.parseString(
            "semcycle.gpu { enabled = true, executor-gpus = 1, task-gpus = 1,"
                + " discovery-script = x }, semcycle.spark.master = \"local[2]\"");
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> GpuSettings.apply(c, SparkSession.builder()));
    assertTrue(e.getMessage().contains("hangs"));
  }
}
