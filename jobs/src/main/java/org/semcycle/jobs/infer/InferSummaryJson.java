package org.semcycle.jobs.infer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.semcycle.io.JsonFields;
import org.semcycle.spark.HadoopDataSink;

/** {@code OUT/summary.json} of the infer job. */
final class InferSummaryJson {
  private InferSummaryJson() {}

  static void write(HadoopDataSink sink, InferJob.Summary s, List<String> settings) {
    ObjectNode o = JsonFields.nodes().objectNode();
    o.put("images", s.images());
    o.set("settings", JsonFields.nodes().arrayNode().addAll(
        settings.stream().map(JsonFields.nodes()::textNode).toList()));
    o.put("prediction_rows", s.predictionRows());
    o.put("predicted_image_settings", s.predictedPairs());
    o.put("rejected_image_settings", s.rejectedPairs());
    o.put("listing_rejects", s.listingRejects());
    o.set("seconds", JsonFields.number(s.seconds()));
    o.set("images_per_second", JsonFields.number(s.images() / Math.max(1e-9, s.seconds())));
    ObjectNode ms = o.putObject("mean_ms_per_image_full");
    s.meanStageMs().forEach((k, v) -> ms.set(k, JsonFields.number(v)));
    try {
      sink.write("summary.json", JsonFields.toBytes(o));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + sink.describe("summary.json"), e);
    }
  }
}
