package io.pxweb.server;

import io.pxweb.server.protocol.Users;
import io.pxweb.server.sql.Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The server's command line: {@code --port}, {@code --bind}, {@code --url}, {@code --users},
 * {@code --tls-cert}/{@code --tls-key}, {@code --require-tls}, {@code --max-connections},
 * {@code --login-timeout}; users may also come from the
 * environment ({@code PXWEB_SERVER_USERS}, or {@code PXWEB_SERVER_USER}/{@code PXWEB_SERVER_PASSWORD}).
 */
record ServerOptions(int port, InetAddress bind, String url, Users users, Path tlsCert,
    Path tlsKey, boolean requireTls, int maxConnections, int maxConnectionsPerUser,
    long loginTimeoutMillis) {

  static final String USAGE = String.join("\n",
      "usage: pxweb-server [--port 5433] [--bind 127.0.0.1] [--url jdbc:pxweb:...]",
      "                    [--users FILE] [--tls-cert FILE --tls-key FILE [--require-tls]]",
      "                    [--max-connections 100] [--max-connections-per-user 20]",
      "                    [--login-timeout 60s]",
      "  --port       TCP port (0 picks a free one)",
      "  --bind       address to listen on; anything but loopback requires users",
      "  --url        the pxweb-jdbc URL every session queries (default: the sample database)",
      "  --users      file of name:password or name:SCRAM-SHA-256$... lines, each may end in",
      "               the user's options: connections=N statement_timeout=30s tls=required;",
      "               a line not understood in full stops the server; with users,",
      "               clients authenticate with SCRAM-SHA-256 (env: PXWEB_SERVER_USERS holds",
      "               the same lines; PXWEB_SERVER_USER and PXWEB_SERVER_PASSWORD one user)",
      "  --tls-cert, --tls-key  PEM certificate chain and PKCS#8 key: answer SSLRequest with TLS",
      "  --require-tls  refuse every connection that does not use TLS (PostgreSQL's hostssl)",
      "  --max-connections  sessions at once, logged in or logging in; each has one thread",
      "  --login-timeout  time to log in, startup and authentication together (default 60s)",
      "  --print-verifier PASSWORD  print the SCRAM verifier to store in a users file, and exit");

  static ServerOptions parse(String[] args, Map<String, String> env, String defaultUrl)
      throws IOException {
    int port = 5433;
    String bind = "127.0.0.1";
    String url = defaultUrl;
    Path usersFile = null;
    Path cert = null;
    Path key = null;
    int max = 100;
    int perUser = 20;
    boolean requireTls = false;
    long loginTimeout = 60_000;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (a.equals("--require-tls")) {
        requireTls = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a + "\n" + USAGE);
      }
      String v = args[++i];
      switch (a) {
        case "--port": port = Integer.parseInt(v); break;
        case "--bind": bind = v; break;
        case "--url": url = v; break;
        case "--users": usersFile = Path.of(v); break;
        case "--tls-cert": cert = Path.of(v); break;
        case "--tls-key": key = Path.of(v); break;
        case "--max-connections": max = positive(a, v); break;
        case "--max-connections-per-user": perUser = positive(a, v); break;
        case "--login-timeout":
          loginTimeout = Settings.millis(v);
          if (loginTimeout <= 0) {
            throw new IllegalArgumentException("--login-timeout " + v
                + ": expected a time such as 60s or 500ms");
          }
          break;
        default: throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
      }
    }
    if (url == null) {
      throw new IllegalArgumentException("--url is required\n" + USAGE);
    }
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    if (requireTls && cert == null) {
      throw new IllegalArgumentException("--require-tls needs --tls-cert and --tls-key");
    }
    Users users = null;
    if (usersFile != null) {
      users = Users.load(usersFile);
    } else if (env.get("PXWEB_SERVER_USERS") != null) {
      users = Users.parse(env.get("PXWEB_SERVER_USERS").replace(',', '\n'), "PXWEB_SERVER_USERS");
    } else if (env.get("PXWEB_SERVER_PASSWORD") != null) {
      users = Users.parse(env.getOrDefault("PXWEB_SERVER_USER", "pxweb") + ":"
          + env.get("PXWEB_SERVER_PASSWORD"), "PXWEB_SERVER_PASSWORD");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve --bind " + bind);
    }
    if (!address.isLoopbackAddress() && (users == null || users.size() == 0)) {
      throw new IllegalArgumentException("--bind " + bind + " is reachable from other hosts: "
          + "give users (--users FILE or PXWEB_SERVER_PASSWORD) so clients must authenticate");
    }
    return new ServerOptions(port, address, url, users, cert, key, requireTls, max, perUser,
        loginTimeout);
  }

  private static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException(option + " " + value + ": expected a positive number");
  }
}
