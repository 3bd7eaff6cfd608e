package io.pxweb.jdbc.source.v1;

import static java.util.Objects.requireNonNull;

/**
 * One entry of a v1 navigation listing ({@code GET} on a database or folder path): a folder,
 * a table or a heading; or, at the language level, a database.
 *
 * @param id path segment of the entry (a table's id is its file name, e.g. "BefolkningNy" or
 *     "statfin_vaerak_pxt_11rc.px")
 * @param type what the entry is
 * @param text the entry's title; for tables it often ends with the period range
 * @param updated last update of a table as listed (local time without zone), or null
 */
public record V1Node(String id, Type type, String text, String updated) {

  public V1Node {
    requireNonNull(id, "id");
    requireNonNull(type, "type");
    text = text == null ? id : text;
  }

  /** Kind of a listing entry ({@code "type"} in the listing, or a database list). */
  public enum Type {
    /** A database at the language level ({@code {"dbid","text"}}). */
    DATABASE,
    /** A folder ({@code "l"}): a level that lists more entries. */
    FOLDER,
    /** A table ({@code "t"}). */
    TABLE,
    /** A heading ({@code "h"}): a caption between entries, not a path. */
    HEADING
  }
}
