package org.semcycle.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit protocol of {@link ShardedOutput} on the local file system: staged tables are not
 * visible until committed; a run that died while computing leaves nothing published; a run that
 * died while committing is finished by the next one; append adds part files, replace swaps.
 */
class ShardedOutputTest {

  @Test
  void stagedFilesAreInvisibleUntilCommittedAndReplaceSwapsTheTable(@TempDir Path tmp) throws Exception {
    SparkSession s = SparkTestSession.get();
    Path out = tmp.resolve("out");
    Files.createDirectories(out.resolve("t"));
    Files.writeString(out.resolve("t/part-old"), "old");
    try (ShardedOutput o = ShardedOutput.open(s, out.toString(), OutputMode.OVERWRITE)) {
      Path staged = Path.of(java.net.URI.create(o.staged("t")));
      Files.createDirectories(staged);
      Files.writeString(staged.resolve("part-new"), "new");
      assertTrue(Files.exists(out.resolve("t/part-old")), "not published before the commit");
      assertEquals(java.util.List.of("t"), o.stagedEntries());
      o.commit("t");
    }
    assertFalse(Files.exists(out.resolve("t/part-old")), "overwrite replaces the whole table");
    assertEquals("new", Files.readString(out.resolve("t/part-new")));
    try (var st = Files.list(out)) {
      assertEquals(1, st.count(), "the staging folder is gone");
    }
  }

  @Test
  void resumeAppendsPartFilesAndKeepsTheOldOnes(@TempDir Path tmp) throws Exception {
    SparkSession s = SparkTestSession.get();
    Path out = tmp.resolve("out");
    Files.createDirectories(out.resolve("t/synset=a"));
    Files.writeString(out.resolve("t/synset=a/part-1"), "1");
    try (ShardedOutput o = ShardedOutput.open(s, out.toString(), OutputMode.RESUME)) {
      Path staged = Path.of(java.net.URI.create(o.staged("t")));
      Files.createDirectories(staged.resolve("synset=b"));
      Files.writeString(staged.resolve("synset=b/part-2"), "2");
      Files.writeString(staged.resolve("_SUCCESS"), "");
      o.commit("t");
    }
    assertTrue(Files.exists(out.resolve("t/synset=a/part-1")));
    assertTrue(Files.exists(out.resolve("t/synset=b/part-2")));
    assertFalse(Files.exists(out.resolve("t/_SUCCESS")), "markers of the staged table are not moved");
  }

  @Test
  void anInterruptedCommitIsFinishedAndAnAbandonedRunIsRemoved(@TempDir Path tmp) throws Exception {
    SparkSession s = SparkTestSession.get();
    Path out = tmp.resolve("out");
    // A run that died after moving part-1 of its two part files: its log is still there.
    Path crashed = out.resolve(ShardedOutput.STAGING_PREFIX + "crashed");
    Files.createDirectories(crashed.resolve("t/synset=b"));
    Files.writeString(crashed.resolve("t/synset=b/part-2"), "2");
    Files.createDirectories(crashed.resolve("summary"));
    Files.writeString(crashed.resolve("summary/part-s"), "s2");
    Files.writeString(crashed.resolve(ShardedOutput.COMMIT_LOG), "append t\nreplace summary\n");
    Files.createDirectories(out.resolve("t/synset=b"));
    Files.writeString(out.resolve("t/synset=b/part-1"), "1");
    Files.createDirectories(out.resolve("summary"));
    Files.writeString(out.resolve("summary/part-old"), "s1");
    // A run that died while computing: no log, never published.
    Path abandoned = out.resolve(ShardedOutput.STAGING_PREFIX + "abandoned");
    Files.createDirectories(abandoned.resolve("t/synset=c"));
    Files.writeString(abandoned.resolve("t/synset=c/part-3"), "3");

    try (ShardedOutput o = ShardedOutput.open(s, out.toString(), OutputMode.RESUME)) {
      assertTrue(Files.exists(out.resolve("t/synset=b/part-1")));
      assertTrue(Files.exists(out.resolve("t/synset=b/part-2")), "the interrupted append is finished");
      assertEquals("s2", Files.readString(out.resolve("summary/part-s")), "the interrupted replace is finished");
      assertFalse(Files.exists(out.resolve("summary/part-old")));
      assertFalse(Files.exists(out.resolve("t/synset=c")), "an abandoned run publishes nothing");
      assertFalse(Files.exists(crashed));
      assertFalse(Files.exists(abandoned));
    }
  }

  @Test
  void modesParse() {
    assertEquals(OutputMode.RESUME, OutputMode.parse("Resume"));
    assertEquals(OutputMode.OVERWRITE, OutputMode.parse("overwrite"));
    assertThrows(IllegalArgumentException.class, () -> OutputMode.parse("append"));
  }
}
