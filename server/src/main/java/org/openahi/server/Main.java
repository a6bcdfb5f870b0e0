package org.openahi.server;

import org.openahi.server.config.ServerConfig;

/** `./openahi serve`: configuration from the environment, then the server until the process is stopped. */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) throws InterruptedException {
    ServerConfig config;
    try {
      config = ServerConfig.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("openahi: " + e.getMessage());
      System.exit(2);
      return;
    }
    OpenAhiServer server = OpenAhiServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "openahi-shutdown"));
    server.join();
  }
}
