package io.pxweb.jdbc.source.v1;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxweb.jdbc.http.HttpErrors;
import io.pxweb.jdbc.http.ServiceVocabulary;
import io.pxweb.jdbc.json.JsonDocuments;
import io.pxweb.jdbc.model.TooManyCellsException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Locale;

/**
 * The vocabulary of PxWebApi v1 servers for the shared classification: their error bodies are
 * {@code {"error": "..."}}, too many cells is 403 (400 at some), a bad variable or filter
 * "Parameter error", a bad value code names its variable.
 */
final class V1Errors implements ServiceVocabulary {
  static final V1Errors VOCABULARY = new V1Errors();

  private V1Errors() {
  }

  @Override public String name() {
    return "the server";
  }

  @Override public String said(String body, boolean quoteText) {
    String error = error(body);
    return error != null ? ": " + error : quoteText ? HttpErrors.snippet(body) : "";
  }

  @Override public SQLException rejected(int status, String body, String method, String url,
      String where, String subject) {
    String error = error(body);
    String lower = error == null ? "" : error.toLowerCase(Locale.ROOT);
    if (status == 403 || lower.startsWith("too many values")) {
      // 403 is v1's "too many cells": JSON at SSB, an IIS page at Statistics Finland.
      return new TooManyCellsException("Too many cells selected"
          + (error != null ? " (" + error + ")" : "") + " in " + subject + where);
    }
    if (error != null) {
      String state = lower.startsWith("the request for variable") ? "22023" : "42000";
      return new SQLException(error + " (" + subject + ")" + where, state);
    }
    return new SQLNonTransientConnectionException(
        "The server answered HTTP " + status + HttpErrors.snippet(body) + where, "08P01");
  }

  private static String error(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    JsonNode n = JsonDocuments.readErrorBody(body);
    return n != null && n.path("error").isTextual() ? n.get("error").asText() : null;
  }
}
