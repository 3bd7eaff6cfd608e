package io.pxweb.jdbc.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxweb.jdbc.model.MalformedDocumentException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;

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
      .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
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

  /** Writes one JSON value to a generator of the shared factory. */
  @FunctionalInterface
  public interface BodyWriter {
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * Writes a request body (v2's selection, v1's query): every source builds its POST bodies
   * this one way, streamed by the shared factory, so escaping and layout cannot differ by source.
   */
  public static String body(BodyWriter writer) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON_FACTORY.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      // A StringWriter does not fail: only a writer's own bug ends here.
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Parses a document to a tree; throws {@link MalformedDocumentException} when it is no JSON object. */
  public static JsonNode parse(InputStream in, String what)
      throws MalformedDocumentException, IOException {
    return parse(in, what, false);
  }

  /**
   * Parses a document to a tree as {@link #parse(InputStream, String)} does; with
   * {@code arrays} a JSON array is a document too (PxWebApi v1 listings are arrays).
   */
  public static JsonNode parse(InputStream in, String what, boolean arrays)
      throws MalformedDocumentException, IOException {
    JsonNode node;
    try {
      node = MAPPER.readTree(in);
    } catch (JsonProcessingException e) {
      if (endsEarly(e)) {
        // Cut off in transit: a transport failure the caller may retry.
        throw new EOFException(what + " ends early: " + e.getOriginalMessage());
      }
      throw new MalformedDocumentException(what + " is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !(node.isObject() || (arrays && node.isArray()))) {
      throw new MalformedDocumentException(what + " is not a JSON object");
    }
    return node;
  }

  /** Returns whether a parse failure means the input stopped mid-document (a cut body). */
  public static boolean endsEarly(JsonProcessingException e) {
    return e instanceof JsonEOFException
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
