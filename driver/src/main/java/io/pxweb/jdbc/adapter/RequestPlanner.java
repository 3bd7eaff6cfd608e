package io.pxweb.jdbc.adapter;

import io.pxweb.jdbc.model.DataRequest;
import io.pxweb.jdbc.model.Selection;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Variable;
import io.pxweb.jdbc.model.VariableRole;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Planner that turns per-variable selections into data requests of at most
 * {@code maxDataCells} cells each.
 *
 * <p>When the cube is too large it is split along the variable that gives the fewest requests
 * (the ideal is {@code ceil(cells / maxDataCells)}); if even one value of every variable is too
 * much, the largest variable is split value by value and the rest is planned again.
 */
public final class RequestPlanner {
  private RequestPlanner() {
  }

  /** Plans the requests; returns an empty list when some variable selects nothing. */
  public static List<DataRequest> plan(TableMetadata metadata, BitSet[] selected, long maxCells) {
    return plan(metadata, selected, maxCells, Map.of());
  }

  /** Plans the requests of a table seen through codelists (codelist id by variable code). */
  public static List<DataRequest> plan(TableMetadata metadata, BitSet[] selected, long maxCells,
      Map<String, String> codelists) {
    List<Variable> variables = metadata.variables();
    List<List<Integer>> positions = new ArrayList<>();
    for (int v = 0; v < variables.size(); v++) {
      List<Integer> p = new ArrayList<>();
      selected[v].stream().forEach(p::add);
      if (p.isEmpty()) {
        return List.of();
      }
      positions.add(p);
    }
    List<DataRequest> out = new ArrayList<>();
    split(metadata, positions, Math.max(1, maxCells), out);
    if (codelists.isEmpty()) {
      return out;
    }
    List<DataRequest> withCodelists = new ArrayList<>(out.size());
    for (DataRequest r : out) {
      withCodelists.add(new DataRequest(r.tableId(), r.selections(), codelists));
    }
    return withCodelists;
  }

  /**
   * Returns the selection as one request-shaped value without sending it: used to enumerate
   * rows from metadata alone when no cell is needed, so no cell limit applies.
   */
  public static DataRequest shape(TableMetadata metadata, BitSet[] selected) {
    List<List<Integer>> positions = new ArrayList<>();
    for (BitSet s : selected) {
      List<Integer> p = new ArrayList<>();
      s.stream().forEach(p::add);
      positions.add(p);
    }
    return request(metadata, positions);
  }

  /** Returns a request's selection as per-variable positions, to plan it again. */
  public static BitSet[] selection(DataRequest request) {
    BitSet[] out = new BitSet[request.selections().size()];
    for (int v = 0; v < out.length; v++) {
      out[v] = new BitSet();
      for (int p : request.selections().get(v).positions()) {
        out[v].set(p);
      }
    }
    return out;
  }

  private static void split(TableMetadata metadata, List<List<Integer>> positions, long maxCells,
      List<DataRequest> out) {
    long cells = 1;
    for (List<Integer> p : positions) {
      cells *= p.size();
    }
    if (cells <= maxCells) {
      out.add(request(metadata, positions));
      return;
    }
    int best = -1;
    long bestRequests = Long.MAX_VALUE;
    long bestChunk = 0;
    for (int v = 0; v < positions.size(); v++) {
      int n = positions.get(v).size();
      long rest = cells / n;
      if (n < 2 || rest > maxCells) {
        continue;
      }
      long chunk = maxCells / rest;
      long requests = (n + chunk - 1) / chunk;
      if (requests < bestRequests) {
        best = v;
        bestRequests = requests;
        bestChunk = chunk;
      }
    }
    if (best >= 0) {
      List<Integer> all = positions.get(best);
      // Even chunks: 10 values in chunks of at most 4 go as 4+3+3 rather than 4+4+2.
      int chunk = (int) Math.ceil((double) all.size() / bestRequests);
      for (int from = 0; from < all.size(); from += chunk) {
        List<List<Integer>> part = new ArrayList<>(positions);
        part.set(best, all.subList(from, Math.min(all.size(), from + chunk)));
        out.add(request(metadata, part));
      }
      return;
    }
    int largest = 0;
    for (int v = 1; v < positions.size(); v++) {
      if (positions.get(v).size() > positions.get(largest).size()) {
        largest = v;
      }
    }
    for (Integer one : positions.get(largest)) {
      List<List<Integer>> part = new ArrayList<>(positions);
      part.set(largest, List.of(one));
      split(metadata, part, maxCells, out);
    }
  }

  private static DataRequest request(TableMetadata metadata, List<List<Integer>> positions) {
    List<Selection> selections = new ArrayList<>();
    for (int v = 0; v < positions.size(); v++) {
      Variable variable = metadata.variables().get(v);
      List<Integer> p = positions.get(v);
      List<String> codes = new ArrayList<>(p.size());
      for (int i : p) {
        codes.add(variable.values().get(i).code());
      }
      boolean all = p.size() == variable.size();
      boolean latest = !all && variable.role() == VariableRole.TIME && !p.isEmpty()
          && p.get(0) == variable.size() - p.size()
          && p.get(p.size() - 1) == variable.size() - 1;
      selections.add(new Selection(variable.code(), all, codes, p, latest));
    }
    return new DataRequest(metadata.id(), selections);
  }
}
