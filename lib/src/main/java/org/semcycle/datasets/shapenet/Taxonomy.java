package org.semcycle.datasets.shapenet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.semcycle.io.DataFormatException;
import org.semcycle.io.DataRoot;
import org.semcycle.io.JsonFields;

/**
 * ShapeNetCore's {@code taxonomy.json}: an array of {@code {synsetId, name, children,
 * numInstances}}. Read with Jackson's tree model; every field is required and typed.
 */
public final class Taxonomy {
  /** The file's usual location below a ShapeNetCore root. */
  public static final String FILE = "taxonomy.json";

  private final List<TaxonomyEntry> entries;

  public Taxonomy(List<TaxonomyEntry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Reads {@code relPath} (usually {@link #FILE}) below the root. */
  public static Taxonomy read(DataRoot root, String relPath) {
    return parse(root.readUtf8(relPath), root.describe(relPath));
  }

  /** Parses taxonomy JSON text; {@code source} names the file in errors. */
  public static Taxonomy parse(String json, String source) {
    JsonNode arr = JsonFields.parse(json, source);
    if (!arr.isArray()) {
      throw new DataFormatException(source, "taxonomy should be a JSON array, found " + arr.getNodeType());
    }
    List<TaxonomyEntry> out = new ArrayList<>(arr.size());
    for (int i = 0; i < arr.size(); i++) {
      JsonNode e = arr.get(i);
      JsonFields f = new JsonFields(source, "entry " + i);
      String synset = f.text(e, "synsetId");
      f = f.in("(synsetId " + synset + ")");
      out.add(new TaxonomyEntry(synset, f.text(e, "name"), List.of(f.texts(e, "children")),
          f.integer(e, "numInstances")));
    }
    return new Taxonomy(out);
  }

  public List<TaxonomyEntry> entries() {
    return entries;
  }

  public Optional<TaxonomyEntry> find(String synsetId) {
    return entries.stream().filter(e -> e.synsetId().equals(synsetId)).findFirst();
  }

  /** JSON bytes (UTF-8) in the file's layout; deterministic. */
  public byte[] toJson() {
    ArrayNode arr = JsonFields.nodes().arrayNode();
    for (TaxonomyEntry e : entries) {
      ObjectNode o = arr.addObject();
      o.put("synsetId", e.synsetId());
      o.put("name", e.name());
      ArrayNode c = o.putArray("children");
      e.children().forEach(c::add);
      o.put("numInstances", e.numInstances());
    }
    return JsonFields.toCompactBytes(arr);
  }
}
