package io.pxweb.jdbc.source.px;

import io.pxweb.jdbc.model.VariableRole;
import java.util.List;

/**
 * Language-independent structure of one PX table: its id and its variables with codes, roles
 * and elimination, in metadata order, plus what reading DATA needs.
 *
 * <p>Metadata order is STUB then HEADING, the order of the server's JSON-stat {@code id}; a table
 * without CONTVARIABLE gets the synthetic content variable first, as the reference server's
 * PX-file source inserts it at the head of the stub. Because that variable has one value, the
 * order of cells in DATA is the metadata order with or without it.
 *
 * @param file the parsed header
 * @param id table id: TABLEID, else MATRIX
 * @param variables every variable in metadata order
 * @param stubCount how many variables of the file's STUB come first in {@code variables}
 *     (not counting the synthetic content variable)
 * @param timeList the time variable's TIMEVAL, or null
 * @param keyed whether DATA uses the KEYS form (every STUB variable then has a key mode)
 */
record PxTableLayout(PxTableFile file, String id, List<Dim> variables, int stubCount,
    PxTimeList timeList, boolean keyed) {

  PxTableLayout {
    variables = List.copyOf(variables);
  }

  /** How a row of the KEYS form names a stub value. */
  enum KeyMode { CODES, VALUES }

  /**
   * One variable.
   *
   * @param name name in the file's default language (the sub-key of VALUES, CODES, ...), or
   *     null for the synthetic content variable
   * @param position index in STUB followed by HEADING, or -1 for the synthetic content variable
   * @param code variable code: VARIABLECODE, else the name
   * @param codes value codes: CODES, else VALUES
   * @param labels value texts in the default language
   * @param role content, time, geographical or regular
   * @param elimination whether the variable may be left out of a selection
   * @param eliminationValueCode code of the elimination value, or null
   * @param keyMode how KEYS rows name this variable's values, or null
   */
  record Dim(String name, int position, String code, List<String> codes, List<String> labels,
      VariableRole role, boolean elimination, String eliminationValueCode, KeyMode keyMode) {

    Dim {
      codes = List.copyOf(codes);
      labels = List.copyOf(labels);
    }

    boolean synthetic() {
      return position < 0;
    }

    int size() {
      return codes.size();
    }
  }

  /** Returns the index of the content variable in metadata order. */
  int contentIndex() {
    for (int i = 0; i < variables.size(); i++) {
      if (variables.get(i).role() == VariableRole.CONTENT) {
        return i;
      }
    }
    throw new IllegalStateException("no content variable in " + id);
  }

  /** Returns the index of the time variable in metadata order, or -1. */
  int timeIndex() {
    for (int i = 0; i < variables.size(); i++) {
      if (variables.get(i).role() == VariableRole.TIME) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the index in {@code variables} of the first file variable (0, or 1 after a synthetic one). */
  int firstFileVariable() {
    return variables.isEmpty() || !variables.get(0).synthetic() ? 0 : 1;
  }
}
