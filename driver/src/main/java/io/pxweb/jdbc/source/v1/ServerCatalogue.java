package io.pxweb.jdbc.source.v1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The well-known PxWebApi v1 servers, read from the driver's {@code servers.json}: each with
 * its short name ({@code jdbc:pxweb:statfin}), base URL, languages and published limits.
 *
 * <p>The limits are fallbacks: a server that answers {@code ?config} is paced by its answer.
 */
public final class ServerCatalogue {
  private static final String RESOURCE = "servers.json";
  private static final ServerCatalogue STANDARD = load();

  private final List<Server> servers;

  private ServerCatalogue(List<Server> servers) {
    this.servers = List.copyOf(servers);
  }

  /** Returns the catalogue shipped with the driver. */
  public static ServerCatalogue standard() {
    return STANDARD;
  }

  /** Returns every server, in catalogue order. */
  public List<Server> servers() {
    return servers;
  }

  /** Finds a server by its alias, ignoring case. */
  public Optional<Server> find(String alias) {
    return servers.stream().filter(s -> s.alias().equalsIgnoreCase(alias)).findFirst();
  }

  /**
   * Finds the server a base URL belongs to (in any of its languages, with or without a
   * database or folder below the catalogue's URL), so a URL given in full gets the server's
   * published limits too.
   */
  public Optional<Server> forUrl(String url) {
    String u = strip(url);
    return servers.stream().filter(s -> s.matches(u)).findFirst();
  }

  private static String strip(String url) {
    String u = url.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }

  /**
   * One server.
   *
   * @param alias short name, e.g. "statfin"
   * @param name the statbank's name
   * @param urlTemplate base URL with {@code {lang}} where the language goes
   * @param languages languages it serves, the default first
   * @param limits published limits
   * @param limitsFrom where the limits come from
   * @param verified "fixture" when real recorded responses of this server are in the tests,
   *     else "docs"
   */
  public record Server(String alias, String name, String urlTemplate, List<String> languages,
      V1Limits limits, String limitsFrom, String verified) {

    public Server {
      languages = List.copyOf(languages);
    }

    /** Returns the base URL in a language (one of {@link #languages()}, or the default). */
    public String url(String lang) {
      String l = lang == null || lang.isBlank() ? defaultLanguage() : lang;
      return urlTemplate.replace("{lang}", l);
    }

    /** Returns the default language: the first the catalogue lists. */
    public String defaultLanguage() {
      return languages.get(0);
    }

    boolean matches(String strippedUrl) {
      String[] parts = strip(urlTemplate).split(Pattern.quote("{lang}"), -1);
      StringBuilder regex = new StringBuilder();
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) {
          regex.append("[a-z]{2,3}");
        }
        regex.append(Pattern.quote(parts[i]));
      }
      // The catalogue URL names a database at some servers; a URL may stop above it or go below.
      String languageLevel = parts.length > 1
          ? regex.substring(0, regex.lastIndexOf("[a-z]{2,3}") + "[a-z]{2,3}".length()) : null;
      return Pattern.matches(regex + "(/.*)?", strippedUrl)
          || (languageLevel != null && Pattern.matches(languageLevel + "(/.*)?", strippedUrl));
    }
  }

  private static ServerCatalogue load() {
    try (InputStream in = ServerCatalogue.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The driver jar lacks " + RESOURCE);
      }
      JsonNode doc = new ObjectMapper().readTree(in);
      List<Server> list = new ArrayList<>();
      for (JsonNode s : doc.path("servers")) {
        List<String> langs = new ArrayList<>();
        s.path("languages").forEach(l -> langs.add(l.asText()));
        list.add(new Server(s.path("alias").asText(), s.path("name").asText(),
            s.path("url").asText(), langs,
            new V1Limits(s.path("maxValues").asInt(), s.path("maxCells").asInt(),
                s.path("maxCalls").asInt(), s.path("timeWindow").asInt()),
            s.path("limitsFrom").asText(), s.path("verified").asText()));
      }
      return new ServerCatalogue(list);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the driver's " + RESOURCE, e);
    }
  }
}
