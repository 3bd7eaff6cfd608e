package io.pxweb.jdbc.model;

import java.util.List;
import java.util.Set;

/**
 * Everything the driver knows about one table from {@code GET /tables/{id}/metadata}: its
 * variables in metadata order, their values, units and roles.
 *
 * @param id table id
 * @param label title
 * @param source producer
 * @param updated last update as sent, or null
 * @param notes table notes
 * @param variables all variables in metadata ({@code id}) order
 * @param mandatoryNotes positions in {@code notes} of the notes users must read
 */
public record TableMetadata(String id, String label, String source, String updated,
    List<String> notes, List<Variable> variables, Set<Integer> mandatoryNotes) {

  public TableMetadata {
    notes = List.copyOf(notes);
    variables = List.copyOf(variables);
    mandatoryNotes = Set.copyOf(mandatoryNotes);
  }

  /** Creates metadata whose notes are all optional. */
  public TableMetadata(String id, String label, String source, String updated,
      List<String> notes, List<Variable> variables) {
    this(id, label, source, updated, notes, variables, Set.of());
  }

  /** Returns the content variable, or null when the table has none. */
  public Variable contentVariable() {
    return byRole(VariableRole.CONTENT);
  }

  /** Returns the time variable, or null when the table has none. */
  public Variable timeVariable() {
    return byRole(VariableRole.TIME);
  }

  private Variable byRole(VariableRole role) {
    for (Variable v : variables) {
      if (v.role() == role) {
        return v;
      }
    }
    return null;
  }

  /** Finds a variable by code: exact first, then ignoring case, as servers do; null if absent. */
  public Variable variable(String code) {
    for (Variable v : variables) {
      if (v.code().equals(code)) {
        return v;
      }
    }
    for (Variable v : variables) {
      if (v.code().equalsIgnoreCase(code)) {
        return v;
      }
    }
    return null;
  }
}
