package io.pxweb.jdbc.model;

import java.util.List;
import java.util.Map;

/**
 * One data request: a table and a selection for every one of its variables.
 *
 * <p>Every variable is always selected: a variable left out would be eliminated by the server
 * (summed, or reduced to a total), which is not what SQL asks for.
 *
 * @param tableId table id
 * @param selections one per variable, in metadata order
 * @param codelists codelist applied per variable code (their codes are then the selection's)
 */
public record DataRequest(String tableId, List<Selection> selections,
    Map<String, String> codelists) {

  public DataRequest {
    selections = List.copyOf(selections);
    codelists = Map.copyOf(codelists);
  }

  /** Creates a request without codelists. */
  public DataRequest(String tableId, List<Selection> selections) {
    this(tableId, selections, Map.of());
  }

  /** Returns the number of cells this request selects. */
  public long cells() {
    long cells = 1;
    for (Selection s : selections) {
      cells *= s.size();
    }
    return cells;
  }
}
