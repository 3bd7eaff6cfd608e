package io.pxweb.jdbc.model;

import java.util.List;
import java.util.Map;

/**
 * What the metadata says about a variable beyond its values: notes, value notes, codelists and
 * links to Klass classifications.
 *
 * @param notes notes on the variable
 * @param valueNotes notes on single values, by value code
 * @param codelists codelists the variable offers
 * @param klassIds ids of the Klass classifications the variable is linked to
 *     ({@code urn:ssb:classification:klass:N} in {@code link.describedby})
 */
public record VariableDetails(List<Note> notes, Map<String, List<Note>> valueNotes,
    List<Codelist> codelists, List<String> klassIds) {

  public static final VariableDetails NONE = new VariableDetails(List.of(), Map.of(), List.of(),
      List.of());

  public VariableDetails {
    notes = List.copyOf(notes);
    valueNotes = Map.copyOf(valueNotes);
    codelists = List.copyOf(codelists);
    klassIds = List.copyOf(klassIds);
  }
}
