package io.pxweb.jdbc.testserver;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/** The {@code GET /config} endpoint: the configuration file, with the builder's overrides. */
final class ConfigEndpoint extends ApiEndpoint {

  ConfigEndpoint(ServerSettings settings) {
    super("pxweb-config", settings);
  }

  @Override
  protected ResponseDefinition handle(ApiRequest request) {
    request.language();
    return json(settings.config());
  }
}
