package io.pxweb.jdbc.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxweb.jdbc.model.MalformedDocumentException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The JSON limits every service shares: one factory for streamed JSON (data responses) and one
 * bounded tree reader for small documents (metadata, listings, error bodies), so a hostile
 * document costs the host application no more memory from one service than from another.
 */
public final class JsonDocuments {
  /**
   * One factory for all streamed JSON. No text of a real response (a label, a note, a status)
   * comes near a megabyte; a longer one would cost memory in the host application for nothing.
   */
  public static final JsonFactory JSON_FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(1_000_000)
          .maxNameLength(100_000)
          .maxNestingDepth(64)
          .build())
      .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
      // Every key of a data response's status object is a new name ("17", "4711", ...):
      // interning them cost a fifth of the parse time (docs/benchmarks.md).
      .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
      .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
      .build();

  /**
   * Documents are read as trees, whose nodes cost tens of bytes each: besides the byte ceiling
   * of their body, a cap on tokens bounds the tree. Real documents run about 20 bytes a token
   * (SCB's 57 KB metadata of TAB638: 2,819), so the cap lets through any document within the
   * default 16 MB ceiling of documents, while a hostile one of empty objects builds no more than
   * about 50 MB of tree.
   */
  public static final long MAX_DOCUMENT_TOKENS = 1_000_000;

  private static final JsonFactory DOCUMENT_FACTORY = JSON_FACTORY.rebuild()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxStringLength(1_000_000)
          .maxNameLength(100_000)
          .maxNestingDepth(64)
          .maxTokenCount(MAX_DOCUMENT_TOKENS)
          .build())
      .build();

  private static final ObjectMapper MAPPER = new ObjectMapper(DOCUMENT_FACTORY)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private JsonDocuments() {
  }

  /** Parses a document to a tree; throws {@link MalformedDocumentException} when it is no JSON object. */
  public static JsonNode parse(InputStream in, String what)
      throws MalformedDocumentException, IOException {
    JsonNode node;
    try {
      node = MAPPER.readTree(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      if (endsEarly(e)) {
        // Cut off in transit: a transport failure the caller may retry.
        throw new java.io.EOFException(what + " ends early: " + e.getOriginalMessage());
      }
      throw new MalformedDocumentException(what + " is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new MalformedDocumentException(what + " is not a JSON object");
    }
    return node;
  }

  /** Returns whether a parse failure means the input stopped mid-document (a cut body). */
  public static boolean endsEarly(com.fasterxml.jackson.core.JsonProcessingException e) {
    return e instanceof com.fasterxml.jackson.core.io.JsonEOFException
        || String.valueOf(e.getOriginalMessage()).contains("end-of-input");
  }

  /** Reads a short error body as a tree, or returns null when it is not a JSON object. */
  public static JsonNode readErrorBody(String body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }
}
