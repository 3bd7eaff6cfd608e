package io.pxweb.jdbc.config;

import io.pxweb.jdbc.PxWebProperty;
import io.pxweb.jdbc.source.SourceProvider;
import io.pxweb.jdbc.source.SourceRegistry;
import java.util.Locale;

/**
 * Generator of {@code docs/connection-properties.md} from {@link PxWebProperty}, so the user
 * documentation cannot drift from the code (a test compares them).
 */
public final class PropertyDocs {
  private PropertyDocs() {
  }

  /** Prints the document; run it to regenerate the file. */
  public static void main(String[] args) {
    System.out.print(markdown());
  }

  /** Returns the whole Markdown document. */
  public static String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Connection properties\n\n")
        .append("<!-- Generated from io.pxweb.jdbc.PxWebProperty by io.pxweb.jdbc.config.PropertyDocs;"
            + " do not edit by hand. -->\n\n")
        .append("Properties go after the URL as `;key=value` pairs, or in the `Properties`"
            + " object given to `DriverManager.getConnection`. Keys match case-insensitively.\n\n")
        .append("**Precedence:** a key in the URL wins over the same key in the `Properties`"
            + " object; a key in neither takes the default below. Keys the driver does not know"
            + " are an error in the URL (a typo should not pass silently) and are ignored in the"
            + " `Properties` object (host applications add their own, such as `user`).\n\n")
        .append("URL forms: `jdbc:pxweb:` (Statistics Norway, `")
        .append(PxWebUrl.DEFAULT_BASE_URL).append("`), `jdbc:pxweb:<alias>` or"
            + " `jdbc:pxweb:<location>`, as the sources read them:\n\n");
    for (SourceProvider p : SourceRegistry.all()) {
      b.append("- `").append(p.name()).append("`: ").append(p.description()).append(".\n");
    }
    b.append("\n")
        .append("Durations are a number with a unit: `500ms`, `30s`, `5m`, `1h` (a bare number"
            + " is seconds).\n\n")
        .append("| Key | Type | Default | Description |\n")
        .append("|---|---|---|---|\n");
    for (PxWebProperty p : PxWebProperty.values()) {
      b.append("| `").append(p.key()).append("` | ").append(p.type().name().toLowerCase(Locale.ROOT).replace('_', ' '))
          .append(" | ").append(p.defaultValue() == null ? "(see description)" : "`" + p.defaultValue() + "`")
          .append(" | ").append(p.description().replace("|", "\\|"));
      if (!p.choices().isEmpty()) {
        b.append(" One of: ").append(String.join(", ", p.choices())).append('.');
      }
      b.append(" |\n");
    }
    return b.toString();
  }
}
