package org.semcycle.datasets.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.semcycle.io.DataFormatException;

/**
 * Typed access to fields of a Jackson tree, with errors that name the file, where in the file
 * ({@code context}, e.g. "model 3 (id 1a2b...) keypoint 2") and the field. JSON syntax errors
 * name the line Jackson reports. Duplicate keys are refused.
 */
public final class JsonFields {
  /** The shared mapper: strict duplicate detection, no NaN literals, stable output. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .disable(SerializationFeature.INDENT_OUTPUT);

  private final String file;
  private final String context;

  public JsonFields(String file, String context) {
    this.file = file;
    this.context = context;
  }

  /** Parses JSON text; syntax errors become a DataFormatException with the line. */
  public static JsonNode parse(String text, String file) {
    try {
      JsonNode n = MAPPER.readTree(text);
      if (n == null || n.isMissingNode()) {
        throw new DataFormatException(file, "empty JSON document");
      }
      return n;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      int line = loc == null ? -1 : loc.getLineNr();
      throw new DataFormatException(file, line, "malformed JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** A view for a nested context ("model 3" then "model 3 keypoint 2"). */
  public JsonFields in(String subContext) {
    return new JsonFields(file, context.isEmpty() ? subContext : context + " " + subContext);
  }

  public String file() {
    return file;
  }

  /** An error naming file, context and field. */
  public DataFormatException error(String field, String problem) {
    String where = context.isEmpty() ? "" : context + ": ";
    return new DataFormatException(file, where + "field '" + field + "' " + problem);
  }

  /** The field's node; missing or null raises an error. */
  public JsonNode required(JsonNode obj, String field) {
    if (obj == null || !obj.isObject()) {
      throw new DataFormatException(file, (context.isEmpty() ? "" : context + ": ") + "expected a JSON object");
    }
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      throw error(field, "is missing");
    }
    return n;
  }

  public String text(JsonNode obj, String field) {
    JsonNode n = required(obj, field);
    if (!n.isTextual()) {
      throw error(field, "should be a string, found " + n.getNodeType());
    }
    return n.asText();
  }

  public int integer(JsonNode obj, String field) {
    return asInt(required(obj, field), field);
  }

  public double number(JsonNode obj, String field) {
    return asNumber(required(obj, field), field);
  }

  public boolean bool(JsonNode obj, String field) {
    JsonNode n = required(obj, field);
    if (!n.isBoolean()) {
      throw error(field, "should be true or false, found " + n.getNodeType());
    }
    return n.booleanValue();
  }

  public JsonNode array(JsonNode obj, String field) {
    JsonNode n = required(obj, field);
    if (!n.isArray()) {
      throw error(field, "should be an array, found " + n.getNodeType());
    }
    return n;
  }

  public JsonNode object(JsonNode obj, String field) {
    JsonNode n = required(obj, field);
    if (!n.isObject()) {
      throw error(field, "should be an object, found " + n.getNodeType());
    }
    return n;
  }

  /** An array of exactly {@code n} numbers. */
  public double[] numbers(JsonNode obj, String field, int n) {
    JsonNode a = array(obj, field);
    if (a.size() != n) {
      throw error(field, "should hold " + n + " numbers, found " + a.size());
    }
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = asNumber(a.get(i), field);
    }
    return out;
  }

  /** An array of integers; {@code n < 0} accepts any length. */
  public int[] integers(JsonNode obj, String field, int n) {
    JsonNode a = array(obj, field);
    if (n >= 0 && a.size() != n) {
      throw error(field, "should hold " + n + " integers, found " + a.size());
    }
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = asInt(a.get(i), field);
    }
    return out;
  }

  /** An array of strings. */
  public String[] texts(JsonNode obj, String field) {
    JsonNode a = array(obj, field);
    String[] out = new String[a.size()];
    for (int i = 0; i < out.length; i++) {
      if (!a.get(i).isTextual()) {
        throw error(field, "should hold strings, found " + a.get(i).getNodeType());
      }
      out[i] = a.get(i).asText();
    }
    return out;
  }

  private double asNumber(JsonNode n, String field) {
    if (!n.isNumber()) {
      throw error(field, "should be a number, found " + n.getNodeType() + " " + n);
    }
    double v = n.doubleValue();
    if (!Double.isFinite(v)) {
      throw error(field, "is not finite: " + n);
    }
    return v;
  }

  /** Integers; a float with an integral value (139.0) is accepted as that integer. */
  private int asInt(JsonNode n, String field) {
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return n.intValue();
    }
    if (n.isFloatingPointNumber()) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
        return (int) d;
      }
    }
    throw error(field, "should be an integer, found " + n.getNodeType() + " " + n);
  }
}
