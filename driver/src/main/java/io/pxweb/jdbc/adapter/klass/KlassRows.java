package io.pxweb.jdbc.adapter.klass;

import io.pxweb.jdbc.klass.KlassDocuments;

import java.time.Instant;
import java.time.LocalDate;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Row shapes of the Klass tables and functions: their columns, and the turning of Klass's
 * values into rows in Calcite's internal form (DATE as days since 1970-01-01, TIMESTAMP as
 * milliseconds since 1970-01-01 UTC).
 */
final class KlassRows {
  /** Columns of a classification's table: every version of every code. */
  static final String[] CODE_HISTORY = {"code", "parent_code", "level", "name", "short_name",
      "presentation_name", "valid_from", "valid_to", "notes"};
  static final int CODE = 0;
  static final int LEVEL = 2;

  /** Columns of {@code classifications}. */
  static final String[] CLASSIFICATIONS = {"id", "name", "classification_type", "last_modified",
      "search", "snippet", "search_score"};
  static final int SEARCH = 4;

  private KlassRows() {
  }

  /** Row type of a classification's table. */
  static RelDataType codeHistoryType(RelDataTypeFactory types) {
    return types.builder()
        .add("code", SqlTypeName.VARCHAR).nullable(false)
        .add("parent_code", SqlTypeName.VARCHAR).nullable(true)
        .add("level", SqlTypeName.INTEGER).nullable(true)
        .add("name", SqlTypeName.VARCHAR).nullable(true)
        .add("short_name", SqlTypeName.VARCHAR).nullable(true)
        .add("presentation_name", SqlTypeName.VARCHAR).nullable(true)
        .add("valid_from", SqlTypeName.DATE).nullable(true)
        .add("valid_to", SqlTypeName.DATE).nullable(true)
        .add("notes", SqlTypeName.VARCHAR).nullable(true)
        .build();
  }

  /** Row type of {@code codes_at} and {@code variant_at}: the codes valid at one date. */
  static RelDataType codesAtType(RelDataTypeFactory types) {
    return types.builder()
        .add("code", SqlTypeName.VARCHAR).nullable(false)
        .add("parent_code", SqlTypeName.VARCHAR).nullable(true)
        .add("level", SqlTypeName.INTEGER).nullable(true)
        .add("name", SqlTypeName.VARCHAR).nullable(true)
        .add("short_name", SqlTypeName.VARCHAR).nullable(true)
        .add("presentation_name", SqlTypeName.VARCHAR).nullable(true)
        .add("notes", SqlTypeName.VARCHAR).nullable(true)
        .build();
  }

  /** Row type of {@code classifications}. */
  static RelDataType classificationsType(RelDataTypeFactory types) {
    return types.builder()
        .add("id", SqlTypeName.INTEGER).nullable(false)
        .add("name", SqlTypeName.VARCHAR).nullable(true)
        .add("classification_type", SqlTypeName.VARCHAR).nullable(true)
        .add("last_modified", SqlTypeName.TIMESTAMP, 3).nullable(true)
        .add("search", SqlTypeName.VARCHAR).nullable(true)
        .add("snippet", SqlTypeName.VARCHAR).nullable(true)
        .add("search_score", SqlTypeName.DOUBLE).nullable(true)
        .build();
  }

  /** Row type of {@code corresponds_at}. */
  static RelDataType correspondenceType(RelDataTypeFactory types) {
    return types.builder()
        .add("source_code", SqlTypeName.VARCHAR).nullable(true)
        .add("source_name", SqlTypeName.VARCHAR).nullable(true)
        .add("source_short_name", SqlTypeName.VARCHAR).nullable(true)
        .add("target_code", SqlTypeName.VARCHAR).nullable(true)
        .add("target_name", SqlTypeName.VARCHAR).nullable(true)
        .add("target_short_name", SqlTypeName.VARCHAR).nullable(true)
        .build();
  }

  /** Row type of {@code changes}. */
  static RelDataType changeType(RelDataTypeFactory types) {
    return types.builder()
        .add("old_code", SqlTypeName.VARCHAR).nullable(true)
        .add("old_name", SqlTypeName.VARCHAR).nullable(true)
        .add("old_short_name", SqlTypeName.VARCHAR).nullable(true)
        .add("new_code", SqlTypeName.VARCHAR).nullable(true)
        .add("new_name", SqlTypeName.VARCHAR).nullable(true)
        .add("new_short_name", SqlTypeName.VARCHAR).nullable(true)
        .add("change_occurred", SqlTypeName.DATE).nullable(true)
        .build();
  }

  static Object[] codeHistory(KlassDocuments.Code c) {
    return new Object[] {c.code(), c.parentCode(), c.level(), c.name(), c.shortName(),
        c.presentationName(), date(c.validFrom()), date(c.validTo()), c.notes()};
  }

  static Object[] codeAt(KlassDocuments.Code c) {
    return new Object[] {c.code(), c.parentCode(), c.level(), c.name(), c.shortName(),
        c.presentationName(), c.notes()};
  }

  static Object[] classification(KlassDocuments.Classification c) {
    return new Object[] {c.id(), c.name(), c.type(), timestamp(c.lastModified()), null, null,
        null};
  }

  /** A search hit; Klass's search does not say the type or the time of the last change. */
  static Object[] searchHit(KlassDocuments.SearchHit h, String query) {
    return new Object[] {h.id(), h.name(), null, null, query, h.snippet(), h.score()};
  }

  static Object[] correspondence(KlassDocuments.Correspondence c) {
    return new Object[] {c.sourceCode(), c.sourceName(), c.sourceShortName(), c.targetCode(),
        c.targetName(), c.targetShortName()};
  }

  static Object[] change(KlassDocuments.Change c) {
    return new Object[] {c.oldCode(), c.oldName(), c.oldShortName(), c.newCode(), c.newName(),
        c.newShortName(), date(c.changeOccurred())};
  }

  private static Integer date(LocalDate d) {
    return d == null ? null : (int) d.toEpochDay();
  }

  private static Long timestamp(Instant t) {
    return t == null ? null : t.toEpochMilli();
  }
}
