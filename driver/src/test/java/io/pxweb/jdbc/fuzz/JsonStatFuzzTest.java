package io.pxweb.jdbc.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pxweb.jdbc.model.Cube;
import io.pxweb.jdbc.jsonstat.JsonStatReader;
import io.pxweb.jdbc.model.MalformedDocumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON-stat data responses: a cube, or a rejection the client turns into SQLState 08P01. */
class JsonStatFuzzTest {
  static Stream<Arguments> seeds() {
    return Seeds.fixtures(".json", t -> t.contains("\"value\"") && t.contains("\"dimension\""));
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "10s")
  void readsOrRejects(byte[] input) throws Exception {
    Cube cube;
    try {
      cube = JsonStatReader.read(new ByteArrayInputStream(input));
    } catch (MalformedDocumentException | IOException rejected) {
      return;
    }
    // What was read is usable cell by cell...
    for (int i = 0; i < cube.cellCount(); i++) {
      cube.isNull(i);
      cube.value(i);
      cube.status(i);
    }
    // ...and is exactly the answer to a request of its own shape.
    Map<String, Integer> requested = new LinkedHashMap<>();
    for (int d = 0; d < cube.dimensionIds().size(); d++) {
      requested.put(cube.dimensionIds().get(d), cube.size(d));
      for (Map.Entry<String, Integer> e : cube.positions(d).entrySet()) {
        assertEquals(e.getValue(), cube.position(d, e.getKey()));
      }
    }
    Cube again = JsonStatReader.read(new ByteArrayInputStream(input), requested);
    assertEquals(cube.cellCount(), again.cellCount());
  }
}
