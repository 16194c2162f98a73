package org.semcycle.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON reader and writer of the data sets' files (KeypointNet, ShapeNet, Pix3D, SPair,
 * the evaluation sets' ground truth, job summaries). Parsing is strict: duplicate keys, and
 * anything after the JSON value, are errors naming the file and line. Typed access to the fields
 * of a JSON object (Jackson tree model) with errors that name the file, the place in it (e.g.
 * "record 3", "model 0 (model_id 1a2b) keypoint 2") and the field:
 * {@code FILE: PLACE, field 'NAME': PROBLEM}. Writers get pretty ({@link #toBytes}) or compact
 * ({@link #toCompactBytes}) UTF-8 with a final newline; {@link #addNumber} writes integral
 * values without a fraction ({@code 12}, not {@code 12.0}), as the data sets' own files have
 * them, and refuses non-finite numbers.
 */
public final class JsonFields {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final String source;
  private final String context;

  /**
   * @param source the file, for messages
   * @param context where in the file (e.g. "record 3"), or empty
   */
  public JsonFields(String source, String context) {
    this.source = source;
    this.context = context == null ? "" : context;
  }

  /** The fields of a place inside this one ("model 3" then "model 3 keypoint 2"). */
  public JsonFields in(String subContext) {
    return new JsonFields(source, context.isEmpty() ? subContext : context + " " + subContext);
  }

  /** Node factory for writers. */
  public static JsonNodeFactory nodes() {
    return MAPPER.getNodeFactory();
  }

  /**
   * Parses one strict JSON value; syntax errors, duplicate keys and content after the value name
   * the file and line.
   */
  public static JsonNode parse(String text, String source) {
    try {
      JsonNode n = MAPPER.readTree(text);
      if (n == null || n.isMissingNode()) {
        throw new DataFormatException(source, "empty JSON document");
      }
      return n;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      String problem = e.getOriginalMessage().startsWith("Trailing token")
          ? "more content after the JSON value" : e.getOriginalMessage();
      throw new DataFormatException(source, line, "malformed JSON: " + problem, e);
    }
  }

  /** Serialises a tree as UTF-8 JSON, two-space indented, with a final newline. */
  public static byte[] toBytes(JsonNode node) {
    try {
      String s = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
      return DataRoot.utf8(s.replace("\r\n", "\n") + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serialises a tree as compact UTF-8 JSON (one line) with a final newline. */
  public static byte[] toCompactBytes(JsonNode node) {
    try {
      byte[] body = MAPPER.writeValueAsBytes(node);
      byte[] out = java.util.Arrays.copyOf(body, body.length + 1);
      out[body.length] = '\n';
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends a finite number; integral values become JSON integers. */
  public static void addNumber(ArrayNode array, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("JSON cannot hold " + v);
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
      array.add((long) v);
    } else {
      array.add(v);
    }
  }

  /** An array node of finite numbers. */
  public static ArrayNode numbers(double... values) {
    ArrayNode a = nodes().arrayNode();
    for (double v : values) {
      addNumber(a, v);
    }
    return a;
  }

  /** A JSON number for one value (integral values as integers). */
  public static JsonNode number(double v) {
    ArrayNode a = nodes().arrayNode();
    addNumber(a, v);
    return a.get(0);
  }

  /** An error about a field at this place in the file. */
  public DataFormatException error(String field, String problem) {
    String where = context.isEmpty() ? "" : context + ", ";
    return new DataFormatException(source, where + "field '" + field + "': " + problem);
  }

  /** An error about this place in the file, not one field. */
  public DataFormatException error(String problem) {
    return new DataFormatException(source, context.isEmpty() ? problem : context + ": " + problem);
  }

  /** The field's node; missing or null is an error. */
  public JsonNode require(JsonNode obj, String field) {
    if (obj == null || !obj.isObject()) {
      throw error("expected a JSON object");
    }
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      throw error(field, "missing");
    }
    return n;
  }

  /** True when the field is present and not null. */
  public static boolean has(JsonNode obj, String field) {
    JsonNode n = obj.get(field);
    return n != null && !n.isNull();
  }

  /** A string field; missing, null or another type is an error. */
  public String text(JsonNode obj, String field) {
    JsonNode n = require(obj, field);
    if (!n.isTextual()) {
      throw error(field, "expected a string, found " + n.getNodeType());
    }
    return n.textValue();
  }

  /** A string field, or {@code dflt} when absent or null. */
  public String optText(JsonNode obj, String field, String dflt) {
    return has(obj, field) ? text(obj, field) : dflt;
  }

  /** A finite number field. */
  public double number(JsonNode obj, String field) {
    return toDouble(require(obj, field), field);
  }

  /** A finite number field, or {@code dflt} when absent or null. */
  public double optNumber(JsonNode obj, String field, double dflt) {
    return has(obj, field) ? number(obj, field) : dflt;
  }

  /** An integer field (an integral number such as {@code 3} or {@code 3.0}) in int range. */
  public int integer(JsonNode obj, String field) {
    return toInt(require(obj, field), field);
  }

  /** An integer field, or {@code dflt} when absent or null. */
  public int optInteger(JsonNode obj, String field, int dflt) {
    return has(obj, field) ? integer(obj, field) : dflt;
  }

  /** A JSON boolean, true or false. */
  public boolean bool(JsonNode obj, String field) {
    JsonNode n = require(obj, field);
    if (!n.isBoolean()) {
      throw error(field, "expected true or false, found " + n);
    }
    return n.booleanValue();
  }

  /** A flag given as true/false or as 0/1 (SPair and Pix3D write 0/1). */
  public boolean flag(JsonNode obj, String field) {
    JsonNode n = require(obj, field);
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber() && (n.asInt() == 0 || n.asInt() == 1)) {
      return n.asInt() == 1;
    }
    throw error(field, "expected true/false or 0/1, found " + n);
  }

  /** A flag field (true/false or 0/1), or {@code dflt} when absent or null. */
  public boolean optFlag(JsonNode obj, String field, boolean dflt) {
    return has(obj, field) ? flag(obj, field) : dflt;
  }

  /** An array field. */
  public JsonNode array(JsonNode obj, String field) {
    JsonNode n = require(obj, field);
    if (!n.isArray()) {
      throw error(field, "expected an array, found " + n.getNodeType());
    }
    return n;
  }

  /** An object field. */
  public JsonNode object(JsonNode obj, String field) {
    JsonNode n = require(obj, field);
    if (!n.isObject()) {
      throw error(field, "expected an object, found " + n.getNodeType());
    }
    return n;
  }

  /** An array of integers (each as {@link #integer} reads one); {@code length} < 0 accepts any length. */
  public int[] integers(JsonNode obj, String field, int length) {
    JsonNode a = array(obj, field);
    if (length >= 0 && a.size() != length) {
      throw error(field, "expected " + length + " integers, found " + a.size());
    }
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toInt(a.get(i), field);
    }
    return out;
  }

  /** An array of strings. */
  public String[] texts(JsonNode obj, String field) {
    JsonNode a = array(obj, field);
    String[] out = new String[a.size()];
    for (int i = 0; i < out.length; i++) {
      if (!a.get(i).isTextual()) {
        throw error(field, "expected strings, found " + a.get(i).getNodeType());
      }
      out[i] = a.get(i).textValue();
    }
    return out;
  }

  /** A flat array of numbers, of exactly {@code length} entries (any length when negative). */
  public double[] doubles(JsonNode obj, String field, int length) {
    return toDoubles(require(obj, field), field, length);
  }

  /** Numbers of an array node; {@code length} < 0 accepts any length. */
  public double[] toDoubles(JsonNode n, String field, int length) {
    if (!n.isArray()) {
      throw error(field, "expected an array of numbers, found " + n.getNodeType());
    }
    if (length >= 0 && n.size() != length) {
      throw error(field, "expected " + length + " numbers, found " + n.size());
    }
    double[] out = new double[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toDouble(n.get(i), field);
    }
    return out;
  }

  /** A rows x cols array of arrays of numbers ({@code rows} < 0: any number of rows). */
  public double[][] matrix(JsonNode obj, String field, int rows, int cols) {
    JsonNode n = require(obj, field);
    if (!n.isArray()) {
      throw error(field, "expected an array of arrays, found " + n.getNodeType());
    }
    if (rows >= 0 && n.size() != rows) {
      throw error(field, "expected " + rows + " rows, found " + n.size());
    }
    double[][] out = new double[n.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = toDoubles(n.get(i), field + "[" + i + "]", cols);
    }
    return out;
  }

  private int toInt(JsonNode n, String field) {
    if (!n.isIntegralNumber() && !(n.isNumber() && n.doubleValue() == Math.rint(n.doubleValue()))) {
      throw error(field, "expected an integer, found " + n);
    }
    if (!n.canConvertToInt()) {
      throw error(field, "integer out of range: " + n);
    }
    return n.asInt();
  }

  private double toDouble(JsonNode n, String field) {
    if (!n.isNumber()) {
      throw error(field, "expected a number, found " + n);
    }
    double v = n.doubleValue();
    if (!Double.isFinite(v)) {
      throw error(field, "number out of range: " + n);
    }
    return v;
  }
}
