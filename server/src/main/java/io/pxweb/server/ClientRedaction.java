package io.pxweb.server;

import io.pxweb.jdbc.model.Redaction;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes out of the messages clients read what only the server should know: where its PX folders
 * are ({@code file:} URIs and the folders' paths) and the credentials in its URL's web addresses
 * (the driver's {@link Redaction}, without its {@code ***@} marker).
 * The driver's messages are written for whoever configured the connection, here the server's
 * operator; the server's clients are other people.
 */
final class ClientRedaction {
  static final String FOLDER = "[server folder]";
  private static final Pattern FILE_URI = Pattern.compile("file:/[^\\s\"'()<>,;]*");

  /** The folders' paths, longest first, so a folder inside another is replaced whole. */
  private final List<String> folders = new ArrayList<>();

  ClientRedaction(String url) {
    String rest = url.startsWith("jdbc:pxweb:") ? url.substring("jdbc:pxweb:".length()) : url;
    for (String part : rest.split("\\+")) {
      if (part.startsWith("file:")) {
        String path = part.substring("file:".length()).split("[;?]")[0];
        try {
          folders.add(Path.of(path).toAbsolutePath().normalize().toString());
        } catch (InvalidPathException e) {
          // Not a path this server could have opened either.
        }
      }
    }
    folders.sort(Comparator.comparingInt(String::length).reversed());
  }

  String apply(String message) {
    if (message == null) {
      return null;
    }
    String s = FILE_URI.matcher(message).replaceAll(Matcher.quoteReplacement(FOLDER));
    for (String folder : folders) {
      s = s.replace(folder, FOLDER);
    }
    // The driver's redaction knows every form a secret takes in a URL (user info with or without
    // a scheme, password and token parameters); clients are not even told that a URL had user
    // info, so its marker goes too.
    return Redaction.redact(s).replace("***@", "");
  }
}
