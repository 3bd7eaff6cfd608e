package io.pxweb.jdbc.model;

import java.util.List;

/**
 * A saved query of a PxWebApi 2.0 server ({@code /savedqueries/{id}}): the table it reads and,
 * per variable, the value codes its selection comes to (expressions such as {@code top(3)}
 * expanded by the server's {@code /savedqueries/{id}/selection}).
 *
 * @param id the saved query's id
 * @param tableId the table it reads, as the server wrote it
 * @param selection one entry per variable the selection names
 */
public record SavedQuery(String id, String tableId, List<Selected> selection) {
  public SavedQuery {
    selection = List.copyOf(selection);
  }

  /**
   * The values a saved query selects of one variable.
   *
   * @param variableCode the variable's code
   * @param codelist the codelist the values are of, or null for the table's own values
   * @param valueCodes the value codes; empty when the server eliminates the variable
   */
  public record Selected(String variableCode, String codelist, List<String> valueCodes) {
    public Selected {
      valueCodes = List.copyOf(valueCodes);
    }
  }
}
