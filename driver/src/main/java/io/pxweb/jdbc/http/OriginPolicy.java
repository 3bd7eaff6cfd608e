package io.pxweb.jdbc.http;

import io.pxweb.jdbc.model.Redaction;
import java.io.IOException;
import java.net.ProtocolException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * What may travel where, decided for every request that goes on the wire, redirects included
 * (it is a network interceptor, so OkHttp calls it once per hop):
 *
 * <ul>
 * <li>the {@code httpHeaders} (API keys, bearer tokens) go only to the origin (scheme, host and
 *     port) they were configured for. OkHttp copies a request's headers to a redirect and drops
 *     only {@code Authorization} when the host changes, so a server that redirects to another
 *     host would be handed an {@code X-Api-Key}; added here, per hop, they never leave;
 * <li>a redirect from https to http is refused (never followed), whatever the headers: the
 *     next request, its URL and the answer would travel in clear text.
 * </ul>
 */
final class OriginPolicy implements Interceptor {
  private final Map<String, String> headers;
  private final String origin;

  /**
   * @param headers the headers to add
   * @param origin the origin they are for ({@link #origin(HttpUrl)}), or null for none: then
   *     they go nowhere
   */
  OriginPolicy(Map<String, String> headers, String origin) {
    this.headers = Map.copyOf(headers);
    this.origin = origin;
  }

  /** Returns a URL's origin as {@code scheme://host:port}, with the scheme's default port. */
  static String origin(HttpUrl url) {
    return url.scheme() + "://" + url.host() + ":" + url.port();
  }

  @Override public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!headers.isEmpty() && origin(request.url()).equals(origin)) {
      Request.Builder b = request.newBuilder();
      headers.forEach(b::header);
      request = b.build();
    }
    Response response = chain.proceed(request);
    if (response.isRedirect() && request.isHttps()) {
      String location = response.header("Location");
      HttpUrl target = location == null ? null : request.url().resolve(location);
      if (target != null && !target.isHttps()) {
        response.close();
        throw new InsecureRedirectException(Redaction.redact(target.toString()));
      }
    }
    return response;
  }

  /**
   * A redirect from https to http, not followed. A {@link ProtocolException}, so OkHttp does not
   * try the request again on another route, and {@link HttpErrors} does not retry it either.
   */
  static final class InsecureRedirectException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    InsecureRedirectException(String target) {
      super("the server redirected to " + target + ", which is not https; a redirect from https"
          + " to http is never followed (the request and its answer would travel unencrypted)");
    }
  }
}
