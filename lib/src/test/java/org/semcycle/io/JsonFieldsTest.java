package org.semcycle.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one JSON reader: strict parsing, typed fields, messages naming file, place and field; the writers' bytes. */
class JsonFieldsTest {
  @Test
  void contentAfterTheValueIsAnErrorNamingTheFileAndLine() {
    DataFormatException e = assertThrows(DataFormatException.class,
        () -> JsonFields.parse("[1, 2]\n{\"a\": 1}", "annotations/chair.json"));
    assertEquals("annotations/chair.json", e.file());
    assertEquals(2, e.line());
    assertEquals("malformed JSON: more content after the JSON value", e.problem());
    assertEquals(2, JsonFields.parse("[1, 2]\n  \n", "x.json").size(), "trailing white space is fine");
  }

  @Test
  void duplicateKeysAndEmptyDocumentsAreErrors() {
    assertTrue(assertThrows(DataFormatException.class, () -> JsonFields.parse("{\"a\": 1, \"a\": 2}", "d.json"))
        .problem().contains("Duplicate field 'a'"));
    assertEquals("e.json: empty JSON document",
        assertThrows(DataFormatException.class, () -> JsonFields.parse("  ", "e.json")).getMessage());
  }

  @Test
  void fieldsAreTypedAndErrorsNameFilePlaceAndField() {
    JsonNode o = JsonFields.parse(
        "{\"s\": \"x\", \"i\": 3.0, \"b\": false, \"bit\": 1, \"a\": [1, 2], \"t\": [\"p\", \"q\"], \"o\": {}}", "f.json");
    JsonFields f = new JsonFields("f.json", "model 2").in("keypoint 1");
    assertEquals("x", f.text(o, "s"));
    assertEquals(3, f.integer(o, "i"), "an integral float is that integer");
    assertEquals(false, f.bool(o, "b"));
    assertEquals(true, f.flag(o, "bit"));
    assertArrayEquals(new int[] {1, 2}, f.integers(o, "a", -1));
    assertArrayEquals(new double[] {1, 2}, f.doubles(o, "a", 2), 0);
    assertArrayEquals(new String[] {"p", "q"}, f.texts(o, "t"));
    assertTrue(f.object(o, "o").isEmpty());
    assertEquals("f.json: model 2 keypoint 1, field 'bit': expected true or false, found 1",
        assertThrows(DataFormatException.class, () -> f.bool(o, "bit")).getMessage());
    assertEquals("f.json: model 2 keypoint 1, field 'gone': missing",
        assertThrows(DataFormatException.class, () -> f.text(o, "gone")).getMessage());
    assertEquals("f.json: model 2 keypoint 1, field 'a': expected 3 integers, found 2",
        assertThrows(DataFormatException.class, () -> f.integers(o, "a", 3)).getMessage());
    assertEquals("f.json: model 2 keypoint 1, field 's': expected an array, found STRING",
        assertThrows(DataFormatException.class, () -> f.array(o, "s")).getMessage());
    assertEquals("f.json: field 'x': no place", new JsonFields("f.json", "").error("x", "no place").getMessage());
  }

  @Test
  void writersGiveCompactOrPrettyUtf8WithAFinalNewline() {
    ObjectNode o = JsonFields.nodes().objectNode();
    o.put("name", "Stuhl ä");
    o.set("v", JsonFields.numbers(12, 0.5));
    assertEquals("{\"name\":\"Stuhl ä\",\"v\":[12,0.5]}\n", new String(JsonFields.toCompactBytes(o), StandardCharsets.UTF_8));
    assertEquals("{\n  \"name\" : \"Stuhl ä\",\n  \"v\" : [ 12, 0.5 ]\n}\n",
        new String(JsonFields.toBytes(o), StandardCharsets.UTF_8));
  }
}
