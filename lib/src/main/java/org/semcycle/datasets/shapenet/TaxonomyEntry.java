package org.semcycle.datasets.shapenet;

import java.util.List;

/**
 * One node of ShapeNet's taxonomy.json: WordNet synset id (8 digits), its lemmas as one
 * comma-separated string, the synset ids of its children, and the number of models below it.
 */
public record TaxonomyEntry(String synsetId, String name, List<String> children, int numInstances) {
  public TaxonomyEntry {
    children = List.copyOf(children);
  }

  /** The first lemma of {@code name} ("chair" for "chair"; "airplane" for "airplane,aeroplane,plane"). */
  public String firstName() {
    int comma = name.indexOf(',');
    return (comma < 0 ? name : name.substring(0, comma)).strip();
  }
}
