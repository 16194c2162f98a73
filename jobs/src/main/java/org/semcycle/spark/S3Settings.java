package org.semcycle.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The Hadoop settings of {@code semcycle.s3} (fs.s3a.*), for Spark sessions (as spark.hadoop.*)
 * and for commands that write without Spark. Credentials are never part of it: they come from
 * the standard providers. Nothing here is logged.
 */
public final class S3Settings {
  private S3Settings() {}

  /** fs.s3a.* properties when semcycle.s3.enabled, else empty. */
  public static Map<String, String> hadoopProperties(Config c) {
    Map<String, String> m = new LinkedHashMap<>();
    if (!c.hasPath("semcycle.s3.enabled") || !c.getBoolean("semcycle.s3.enabled")) {
      return m;
    }
    Config s3 = c.getConfig("semcycle.s3");
    if (s3.hasPath("endpoint")) {
      m.put("fs.s3a.endpoint", s3.getString("endpoint"));
    }
    m.put("fs.s3a.endpoint.region", s3.getString("region"));
    m.put("fs.s3a.path.style.access", String.valueOf(s3.getBoolean("path-style-access")));
    m.put("fs.s3a.connection.ssl.enabled", String.valueOf(s3.getBoolean("ssl")));
    for (Map.Entry<String, ConfigValue> e : s3.getConfig("hadoop").entrySet()) {
      m.put(Sessions.unquote(e.getKey()), String.valueOf(e.getValue().unwrapped()));
    }
    return m;
  }

  /** A Hadoop Configuration with the S3 settings applied (for commands without Spark). */
  public static SerializableHadoopConf hadoopConf(Config c) {
    Configuration conf = new Configuration();
    hadoopProperties(c).forEach(conf::set);
    return new SerializableHadoopConf(conf);
  }
}
