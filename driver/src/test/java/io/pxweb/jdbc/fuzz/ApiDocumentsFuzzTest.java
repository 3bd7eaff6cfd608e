package io.pxweb.jdbc.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.source.v2.ApiDocuments;
import io.pxweb.jdbc.model.MalformedDocumentException;
import io.pxweb.jdbc.model.TableEntry;
import io.pxweb.jdbc.model.TableMetadata;
import io.pxweb.jdbc.model.Variable;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API's documents, each read as every kind the client reads: configuration, a table list
 * page, table metadata and a saved query. A document either reads or is rejected with the
 * checked failure the client turns into SQLState 08P01.
 */
class ApiDocumentsFuzzTest {
  static Stream<Arguments> seeds() {
    return Seeds.fixtures(".json", t -> true);
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "10s")
  void readsOrRejects(byte[] input) throws Exception {
    JsonNode root;
    try {
      root = ApiDocuments.parse(new ByteArrayInputStream(input), "document");
    } catch (MalformedDocumentException | IOException rejected) {
      return;
    }
    ApiDocuments.config(root);
    try {
      for (TableEntry t : ApiDocuments.tablePage(root).tables()) {
        t.paths().forEach(p -> p.forEach(TableEntry.Folder::id));
      }
    } catch (MalformedDocumentException rejected) {
      // Not a table list.
    }
    try {
      TableMetadata m = ApiDocuments.metadata("T", root);
      m.contentVariable();
      for (Variable v : m.variables()) {
        v.values().forEach(value -> value.code());
      }
    } catch (MalformedDocumentException rejected) {
      // Not table metadata.
    }
    try {
      ApiDocuments.savedQuery("q", root, root).selection()
          .forEach(s -> s.valueCodes().forEach(String::length));
    } catch (MalformedDocumentException rejected) {
      // Not a saved query with its selection.
    }
  }
}
