package io.pxweb.jdbc.source.px;

import io.pxweb.jdbc.model.TableEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Subject folders of a PX database as its {@code Menu.xml} or {@code Menu2.xml} describes them:
 * for each table file, the folders ({id, label}) from the subject root down, per language.
 *
 * <p>The file is what PxWeb's database builder writes: {@code Menu > Language[lang] > MenuItem*
 * > Link[selection]}, where a MenuItem's {@code selection} is its folder path and its
 * {@code Text} its label. The single top MenuItem is the database itself and is left out, as the
 * reference server leaves it out of {@code paths}. A folder's id is the last part of its
 * selection ("Database/EN/EN02" gives "EN02"). Links are matched to files by their path below
 * the database, else by file name, so a database copied flat still finds its folders.
 */
final class PxMenu {
  /** The file names looked for in a database root, in order of preference. */
  static final List<String> FILE_NAMES = List.of("Menu2.xml", "Menu.xml");

  private final String defaultLanguage;
  /** Language -> entries, each a link's selection (lower case) with its folder path. */
  private final Map<String, List<Entry>> byLanguage;

  /** Link of the menu: its selection and file name in lower case, and its folders. */
  private record Entry(String selection, String fileName, List<TableEntry.Folder> path) {
  }

  private PxMenu(String defaultLanguage, Map<String, List<Entry>> byLanguage) {
    this.defaultLanguage = defaultLanguage;
    this.byLanguage = byLanguage;
  }

  /** Returns the menu file of a database root, or null when it has none. */
  static Path find(Path root) {
    for (String name : FILE_NAMES) {
      Path p = root.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /** Reads a menu file. */
  static PxMenu read(Path file) throws IOException, PxFormatException {
    Element menu;
    try (InputStream in = Files.newInputStream(file)) {
      menu = builder().parse(in).getDocumentElement();
    } catch (SAXException e) {
      throw new PxFormatException(1, "not a readable menu: " + e.getMessage());
    }
    String defaultLanguage = null;
    Map<String, List<Entry>> byLanguage = new LinkedHashMap<>();
    for (Element language : children(menu, "Language")) {
      String lang = language.getAttribute("lang").trim().toLowerCase(Locale.ROOT);
      if (defaultLanguage == null || "true".equalsIgnoreCase(language.getAttribute("default"))) {
        defaultLanguage = lang;
      }
      List<Entry> entries = new ArrayList<>();
      List<Element> tops = children(language, "MenuItem");
      for (Element top : tops) {
        List<TableEntry.Folder> start = new ArrayList<>();
        if (tops.size() > 1) {
          start.add(folder(top));
        }
        collect(top, start, entries);
      }
      byLanguage.put(lang, entries);
    }
    if (defaultLanguage == null) {
      throw new PxFormatException(1, "the menu has no Language element");
    }
    return new PxMenu(defaultLanguage, byLanguage);
  }

  private static void collect(Element item, List<TableEntry.Folder> path, List<Entry> out) {
    for (Element link : children(item, "Link")) {
      String selection = link.getAttribute("selection").replace('\\', '/');
      if (!selection.isEmpty()) {
        String name = selection.substring(selection.lastIndexOf('/') + 1);
        out.add(new Entry(selection.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT),
            List.copyOf(path)));
      }
    }
    for (Element child : children(item, "MenuItem")) {
      List<TableEntry.Folder> deeper = new ArrayList<>(path);
      deeper.add(folder(child));
      collect(child, deeper, out);
    }
  }

  private static TableEntry.Folder folder(Element item) {
    String selection = item.getAttribute("selection").replace('\\', '/');
    String id = selection.substring(selection.lastIndexOf('/') + 1);
    String label = null;
    for (Element text : children(item, "Text")) {
      label = text.getTextContent().trim();
    }
    return new TableEntry.Folder(id, label == null || label.isEmpty() ? id : label);
  }

  /**
   * Returns the folder paths of a table file in a language (the default language when the menu
   * lacks it), or null when the menu does not list the file.
   *
   * @param relative the file's path below the database root, with '/' separators
   */
  List<List<TableEntry.Folder>> paths(String relative, String lang) {
    List<Entry> entries = byLanguage.get(lang);
    if (entries == null) {
      entries = byLanguage.get(defaultLanguage);
    }
    String rel = relative.toLowerCase(Locale.ROOT);
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    List<List<TableEntry.Folder>> exact = new ArrayList<>();
    List<List<TableEntry.Folder>> byName = new ArrayList<>();
    for (Entry e : entries) {
      if (e.selection().equals(rel) || e.selection().endsWith("/" + rel)) {
        exact.add(e.path());
      } else if (e.fileName().equals(name)) {
        byName.add(e.path());
      }
    }
    List<List<TableEntry.Folder>> found = exact.isEmpty() ? byName : exact;
    return found.isEmpty() ? null : found;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        out.add(e);
      }
    }
    return out;
  }

  private static DocumentBuilder builder() throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      // A menu is a plain document: no DTDs, no external entities.
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      // The default handler prints to stderr before throwing; this one only throws.
      b.setErrorHandler(new DefaultHandler());
      return b;
    } catch (ParserConfigurationException e) {
      throw new IOException("no secure XML parser: " + e.getMessage(), e);
    }
  }
}
