package io.pxweb.jdbc.testserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The builder of table objects and links as {@code LinkCreator.cs} and
 * {@code TableResponseMapper.cs} write them (PxWebApi): absolute URLs under the API base,
 * the table id upper-cased, one {@code alternate} per other language.
 */
final class TableLinks {

  private TableLinks() {
  }

  static ObjectNode link(String rel, String lang, String href) {
    ObjectNode l = Json.object();
    l.put("rel", rel);
    l.put("hreflang", lang);
    l.put("href", href);
    return l;
  }

  /** The table object of {@code /tables}: the stored entry plus its links. */
  static ObjectNode entry(TestTable table, String lang, String base, ServerSettings settings) {
    ObjectNode entry = table.entryView().deepCopy();
    entry.set("links", links(table, lang, base, settings));
    return entry;
  }

  /** The {@code TableResponse} of {@code /tables/{id}}: language first, then the entry. */
  static ObjectNode tableResponse(TestTable table, String lang, String base,
      ServerSettings settings) {
    ObjectNode out = Json.object();
    out.put("language", lang);
    out.setAll(entry(table, lang, base, settings));
    return out;
  }

  private static ArrayNode links(TestTable table, String lang, String base,
      ServerSettings settings) {
    String tables = base + "/tables/" + table.id().toUpperCase(Locale.ROOT);
    ArrayNode links = Json.array();
    links.add(link("self", lang, tables + "?lang=" + lang));
    for (String other : settings.languages()) {
      if (!other.equals(lang)) {
        links.add(link("alternate", other, tables + "?lang=" + other));
      }
    }
    links.add(link("metadata", lang, tables + "/metadata?lang=" + lang));
    links.add(link("data", lang,
        tables + "/data?lang=" + lang + "&outputFormat=" + settings.defaultDataFormat()));
    return links;
  }
}
