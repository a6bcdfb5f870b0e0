package org.openahi.server;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.openahi.core.account.Account;
import org.openahi.core.datastore.DatastoreService;
import org.openahi.core.page.PageTokens;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.tag.TagService;
import org.openahi.server.aws.AwsApi;
import org.openahi.server.aws.auth.AccessKeys;
import org.openahi.server.aws.auth.SigV4Verifier;
import org.openahi.server.aws.model.ServiceModel;
import org.openahi.server.aws.operations.CreateDatastoreOperation;
import org.openahi.server.aws.operations.DeleteDatastoreOperation;
import org.openahi.server.aws.operations.GetDatastoreOperation;
import org.openahi.server.aws.operations.ListDatastoresOperation;
import org.openahi.server.aws.operations.ListTagsForResourceOperation;
import org.openahi.server.aws.operations.TagResourceOperation;
import org.openahi.server.aws.operations.UntagResourceOperation;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.config.ServerConfig;
import org.openahi.server.http.HttpFrontDoor;
import org.openahi.store.jdbc.JdbcMetadataStore;
import org.openahi.store.jdbc.JdbcSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds the store, the domain services and the HTTP front door, and runs them. */
public final class OpenAhiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAhiServer.class);
  /** Tests set this system property so every response is checked against its output shape. */
  public static final String VERIFY_OUTPUTS_PROPERTY = "openahi.verifyOutputs";

  private final MetadataStore store;
  private final HttpFrontDoor http;

  private OpenAhiServer(MetadataStore store, HttpFrontDoor http) {
    this.store = store;
    this.http = http;
  }

  public static OpenAhiServer start(ServerConfig config) {
    return start(config, Clock.systemUTC());
  }

  public static OpenAhiServer start(ServerConfig config, Clock clock) {
    LOG.info("Starting openahi with {}", config.describe());
    MetadataStore store = JdbcMetadataStore.open(new JdbcSettings(config.databaseUrl(), config.databaseUser(),
        config.databasePassword(), 16));
    try {
      Account account = new Account(config.region(), config.accountId());
      PageTokens pageTokens = new PageTokens(store.write(tx -> tx.secrets().getOrCreate("page-token-key",
          () -> new SecureRandom().generateSeed(32))));
      DatastoreService datastores = new DatastoreService(store, account, clock, pageTokens, config.maxDatastores());
      TagService tags = new TagService(store, account);
      List<OperationHandler> handlers = List.of(
          new CreateDatastoreOperation(datastores),
          new GetDatastoreOperation(datastores),
          new ListDatastoresOperation(datastores),
          new DeleteDatastoreOperation(datastores),
          new TagResourceOperation(tags),
          new UntagResourceOperation(tags),
          new ListTagsForResourceOperation(tags));
      ServiceModel model = ServiceModel.load();
      SigV4Verifier verifier = new SigV4Verifier(new AccessKeys(Map.of(config.accessKeyId(), config.secretAccessKey())),
          config.region(), model.signingName(), clock);
      AwsApi api = new AwsApi(model, verifier, handlers, Boolean.getBoolean(VERIFY_OUTPUTS_PROPERTY));
      HttpFrontDoor http = HttpFrontDoor.start(config.bind(), config.port(), api, () -> healthy(store),
          config.maxRequestBytes());
      if (config.usesDevelopmentCredentials() && !isLoopback(config.bind())) {
        LOG.warn("Listening on {} with the development credentials: set OPENAHI_ACCESS_KEY_ID and "
            + "OPENAHI_SECRET_ACCESS_KEY before exposing this server", config.bind());
      }
      LOG.info("openahi is listening on http://{}:{}/", config.bind(), http.port());
      return new OpenAhiServer(store, http);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public int port() {
    return http.port();
  }

  public void join() throws InterruptedException {
    http.join();
  }

  /** Stops accepting requests, lets those in flight finish, then closes the store. */
  @Override
  public void close() {
    http.stop();
    store.close();
    LOG.info("openahi stopped");
  }

  private static boolean healthy(MetadataStore store) {
    try {
      store.read(tx -> tx.datastores().countNotDeleted());
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Health check failed: {}", e.getMessage());
      return false;
    }
  }

  private static boolean isLoopback(String bind) {
    return bind.equals("127.0.0.1") || bind.equals("::1") || bind.equals("localhost");
  }
}
