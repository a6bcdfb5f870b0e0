package org.openahi.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.openahi.core.access.AccessControl;
import org.openahi.core.account.Account;
import org.openahi.core.audit.AuditLog;
import org.openahi.core.blob.BlobCleanup;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.crypto.DataKeys;
import org.openahi.core.crypto.EncryptingBlobStore;
import org.openahi.core.crypto.MasterKeys;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreService;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.dicomweb.DicomWebIndexBackfill;
import org.openahi.core.dicomweb.DicomWebReads;
import org.openahi.core.dicomweb.DicomWebSearch;
import org.openahi.core.dicomweb.DocumentCache;
import org.openahi.core.dicomweb.FrameReader;
import org.openahi.core.dicomweb.StoredInstances;
import org.openahi.core.imageset.ImageSetOperations;
import org.openahi.core.imageset.ImageSetSearch;
import org.openahi.core.imageset.ImageSetService;
import org.openahi.core.imageset.ImageSetWrites;
import org.openahi.core.imageset.VersionDocuments;
import org.openahi.core.importing.DicomJobImporter;
import org.openahi.core.importing.DirectImporter;
import org.openahi.core.importing.FoldRunner;
import org.openahi.core.importing.ImportJobService;
import org.openahi.core.importing.ImportLimits;
import org.openahi.core.importing.ImportRunner;
import org.openahi.core.metadata.DocumentStore;
import org.openahi.core.page.PageTokens;
import org.openahi.core.pixels.FrameTranscoder;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.events.EventDelivery;
import org.openahi.core.events.RecordingStore;
import org.openahi.core.exporting.ExportJobs;
import org.openahi.core.exporting.ExportRunner;
import org.openahi.server.exports.ExportsEndpoint;
import org.openahi.server.events.EventsEndpoint;
import org.openahi.server.events.Webhooks;
import org.openahi.core.tag.TagService;
import org.openahi.core.throttle.Admission;
import org.openahi.core.throttle.RateProfile;
import org.openahi.core.throttle.Throttle;
import org.openahi.dicom.io.ReadOptions;
import org.openahi.dimse.DimseServer;
import org.openahi.dimse.DimseSettings;
import org.openahi.dimse.scp.InstanceWriter;
import org.openahi.dimse.scp.Services;
import org.openahi.dimse.ul.AssociationSettings;
import org.openahi.server.access.AccessRequests;
import org.openahi.server.access.AuditTrail;
import org.openahi.server.access.Callers;
import org.openahi.server.access.RequestLimits;
import org.openahi.server.aws.AwsApi;
import org.openahi.server.aws.auth.AccessKeys;
import org.openahi.server.aws.auth.SigV4Verifier;
import org.openahi.server.aws.model.ServiceModel;
import org.openahi.server.aws.operations.CopyImageSetOperation;
import org.openahi.server.aws.operations.CreateDatastoreOperation;
import org.openahi.server.aws.operations.DeleteDatastoreOperation;
import org.openahi.server.aws.operations.DeleteImageSetOperation;
import org.openahi.server.aws.operations.GetDatastoreOperation;
import org.openahi.server.aws.operations.GetDicomImportJobOperation;
import org.openahi.server.aws.operations.GetImageFrameOperation;
import org.openahi.server.aws.operations.GetImageSetMetadataOperation;
import org.openahi.server.aws.operations.GetImageSetOperation;
import org.openahi.server.aws.operations.ListDatastoresOperation;
import org.openahi.server.aws.operations.ListDicomImportJobsOperation;
import org.openahi.server.aws.operations.ListImageSetVersionsOperation;
import org.openahi.server.aws.operations.ListTagsForResourceOperation;
import org.openahi.server.aws.operations.SearchImageSetsOperation;
import org.openahi.server.aws.operations.StartDicomImportJobOperation;
import org.openahi.server.aws.operations.TagResourceOperation;
import org.openahi.server.aws.operations.UntagResourceOperation;
import org.openahi.server.aws.operations.UpdateImageSetMetadataOperation;
import org.openahi.server.aws.protocol.OperationHandler;
import org.openahi.server.config.ServerConfig;
import org.openahi.server.dicomweb.BulkDataHandler;
import org.openahi.server.dicomweb.DicomWebApi;
import org.openahi.server.dicomweb.DicomWebAuth;
import org.openahi.server.dicomweb.RenderedHandler;
import org.openahi.server.browser.Authentication;
import org.openahi.server.browser.BrowserFrontDoor;
import org.openahi.server.browser.BrowserSessions;
import org.openahi.server.browser.Cors;
import org.openahi.server.history.VersionAuthors;
import org.openahi.server.dicomweb.BulkDataHandler;
import org.openahi.server.dicomweb.DicomWebHandler;
import org.openahi.server.dicomweb.FramesHandler;
import org.openahi.server.dicomweb.InstanceMetadataHandler;
import org.openahi.server.dicomweb.InstanceRetrievalHandler;
import org.openahi.server.dicomweb.SearchHandler;
import org.openahi.server.dicomweb.SeriesMetadataHandler;
import org.openahi.server.dicomweb.StoreHandler;
import org.openahi.server.dicomweb.StudyMetadataHandler;
import org.openahi.server.dimse.DimseMetrics;
import org.openahi.server.http.HttpFrontDoor;
import org.openahi.server.oidc.BearerTokens;
import org.openahi.store.jdbc.JdbcMetadataStore;
import org.openahi.store.jdbc.JdbcSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds the stores, the domain services and the HTTP front door, and runs them. */
public final class OpenAhiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpenAhiServer.class);
  /** Tests set this system property so every response is checked against its output shape. */
  public static final String VERIFY_OUTPUTS_PROPERTY = "openahi.verifyOutputs";
  /** Interrupted runs of background work (server restarts) before it is given up as failed. */
  private static final int MAX_ATTEMPTS = 3;
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
  /** Image set updates, copies and deletes run at once; each is mostly one document and one transaction. */
  private static final int OPERATION_PARALLELISM = 4;
  private static final Duration CLEANUP_INTERVAL = Duration.ofHours(1);
  /** Parsed metadata documents kept for DICOMweb, by their JSON size: a few large series. */
  private static final long DOCUMENT_CACHE_JSON_BYTES = 16L * 1024 * 1024;
  /** Data stores the viewer offers at most (AHI's quota is 10 by default). */
  private static final int BROWSER_DATASTORES = 50;

  private final MetadataStore store;
  private final Storage storage;
  private final ExecutorService importWorkers;
  private final ExecutorService stowWorkers;
  private final ImportRunner importRunner;
  private final ImageSetOperations operations;
  private final FoldRunner folds;
  private final ScheduledExecutorService maintenance;
  private final HttpFrontDoor http;
  private final AuditLog auditLog;
  private final ExecutorService dimseWorkers;
  private final DimseServer dimse;
  private final EventDelivery events;
  private final ExportRunner exportRunner;

  private OpenAhiServer(MetadataStore store, Storage storage, AuditLog auditLog, ExecutorService importWorkers,
                        ExecutorService stowWorkers, ImportRunner importRunner, ImageSetOperations operations,
                        FoldRunner folds, ScheduledExecutorService maintenance, HttpFrontDoor http,
                        ExecutorService dimseWorkers, DimseServer dimse, EventDelivery events,
                        ExportRunner exportRunner) {
    this.store = store;
    this.storage = storage;
    this.importWorkers = importWorkers;
    this.stowWorkers = stowWorkers;
    this.importRunner = importRunner;
    this.operations = operations;
    this.folds = folds;
    this.maintenance = maintenance;
    this.http = http;
    this.auditLog = auditLog;
    this.dimseWorkers = dimseWorkers;
    this.dimse = dimse;
    this.events = events;
    this.exportRunner = exportRunner;
  }

  public static OpenAhiServer start(ServerConfig config) {
    return start(config, Clock.systemUTC());
  }

  public static OpenAhiServer start(ServerConfig config, Clock clock) {
    LOG.info("Starting openahi with {}", config.describe());
    // Parsing the service model is a sixth of the start-up's work and needs nothing else: it runs on the second core
    // while the database opens.
    CompletableFuture<ServiceModel> serviceModel = CompletableFuture.supplyAsync(ServiceModel::load);
    MetadataStore database = JdbcMetadataStore.open(new JdbcSettings(config.databaseUrl(), config.databaseUser(),
        config.databasePassword(), 16));
    Account account = new Account(config.region(), config.accountId());
    Duration lease = Duration.ofSeconds(config.background().leaseSeconds());
    // Every change AHI reports with an event records it in the same transaction (docs/events.md).
    EventDelivery events = Webhooks.delivery(config.events(), database, clock, lease, POLL_INTERVAL);
    MetadataStore store = new RecordingStore(database, account, clock, events::wake);
    Storage storage = null;
    AuditLog auditLog = null;
    try {
      storage = new Storage(config);
      Optional<MasterKeys> masterKeys = config.encryption().keyFile().map(MasterKeys::read);
      BlobStore blobs = encrypted(storage.blobs(), masterKeys, store);
      PageTokens pageTokens = new PageTokens(store.write(tx -> tx.secrets().getOrCreate("page-token-key",
          () -> new SecureRandom().generateSeed(32))));
      DatastoreService datastores = new DatastoreService(store, account, clock, pageTokens, config.maxDatastores());
      TagService tags = new TagService(store, account);
      DocumentStore documents = new DocumentStore(blobs);
      VersionDocuments versionDocuments = new VersionDocuments(store, documents);
      ImageSetService imageSets = new ImageSetService(store, blobs, versionDocuments, account, pageTokens);
      ImageSetSearch search = new ImageSetSearch(store, pageTokens);
      BlobCleanup cleanup = new BlobCleanup(store, blobs, clock,
          Duration.ofSeconds(config.background().blobCleanupGraceSeconds()));
      ImageSetOperations operations = new ImageSetOperations(store, blobs, versionDocuments, cleanup, clock,
          new ImageSetOperations.Settings(OPERATION_PARALLELISM, lease, MAX_ATTEMPTS, POLL_INTERVAL));
      VersionAuthors versionAuthors = new VersionAuthors(store, clock);
      ImageSetWrites writes = new ImageSetWrites(store, versionDocuments, clock,
          new ImageSetWrites.Limits(config.imageSetWrites().updateMaxBytes(), config.imageSetWrites().copyMaxFrames()),
          operations::wake);

      ServerConfig.Imports importConfig = config.imports();
      ExecutorService importWorkers = Executors.newFixedThreadPool(importConfig.workers(),
          Thread.ofPlatform().name("openahi-import-worker-", 0).factory());
      // STOW-RS requests read their instances on their own pool, so they never queue behind a large import job.
      ExecutorService stowWorkers = Executors.newFixedThreadPool(importConfig.workers(),
          Thread.ofPlatform().name("openahi-stow-worker-", 0).factory());
      ImportLimits importLimits = new ImportLimits(importConfig.maxFiles(), importConfig.maxJobBytes(),
          importConfig.maxFileBytes());
      DicomJobImporter importer = new DicomJobImporter(store, blobs, storage.imports(), new FrameTranscoder(),
          ReadOptions.defaults(), importWorkers, importLimits, clock);
      ImportRunner importRunner = new ImportRunner(store, storage.imports(), importer, cleanup, clock,
          new ImportRunner.Settings(importConfig.parallelJobs(), lease, MAX_ATTEMPTS, POLL_INTERVAL));
      ImportJobService imports = new ImportJobService(store, storage.imports(), clock, pageTokens,
          importConfig.maxUnfinishedJobs(), importRunner::wake);

      List<OperationHandler> handlers = List.of(
          new CreateDatastoreOperation(datastores, arn -> masterKeys.map(keys -> keys.has(arn)).orElse(true)),
          new GetDatastoreOperation(datastores),
          new ListDatastoresOperation(datastores),
          new DeleteDatastoreOperation(datastores),
          new TagResourceOperation(tags),
          new UntagResourceOperation(tags),
          new ListTagsForResourceOperation(tags),
          new StartDicomImportJobOperation(imports),
          new GetDicomImportJobOperation(imports),
          new ListDicomImportJobsOperation(imports),
          new GetImageSetOperation(imageSets),
          new GetImageSetMetadataOperation(imageSets),
          new GetImageFrameOperation(imageSets),
          new ListImageSetVersionsOperation(imageSets),
          new SearchImageSetsOperation(search, imageSets),
          new UpdateImageSetMetadataOperation(writes, versionAuthors),
          new CopyImageSetOperation(writes, imageSets, versionAuthors),
          new DeleteImageSetOperation(writes));
      ServiceModel model = serviceModel.join();
      AccessControl access = config.access().file()
          .map(file -> AccessControl.fromFile(file, System.getenv()))
          .orElseGet(() -> AccessControl.singleKey(config.accessKeyId(), config.secretAccessKey(), config.accountId()));
      Callers callers = new Callers(access, new AccessRequests(account, tags), config.accountId());
      SigV4Verifier verifier = new SigV4Verifier(new AccessKeys(access::secretFor), config.region(),
          model.signingName(), clock);
      // A browser session stands for the access key that signed in: its principal and rights are the key's.
      Authentication authentication = new Authentication(verifier,
          new BrowserSessions(Duration.ofSeconds(config.browser().sessionSeconds()), clock),
          accessKeyId -> callers.forKey(accessKeyId).arn());
      auditLog = new AuditLog(config.access().auditLog());
      AuditTrail audit = new AuditTrail(auditLog, clock);
      RequestLimits limits = new RequestLimits(new Throttle(RateProfile.named(config.load().throttling(),
          config.load().throttlingOverrides())), new Admission(config.load().maxExpensiveRequests(),
          config.load().maxQueuedRequests(), config.load().queueWaitMillis()));
      LOG.info("Request limits: {}", limits);
      AwsApi api = new AwsApi(model, authentication, verifier, callers, audit, limits, handlers,
          Boolean.getBoolean(VERIFY_OUTPUTS_PROPERTY));
      DicomWebReads dicomWebReads = new DicomWebReads(store, versionDocuments,
          new DocumentCache(documents, DOCUMENT_CACHE_JSON_BYTES));
      FrameReader frameReader = new FrameReader(blobs, config.dicomWeb().decodedFrameCacheBytes());
      ExportRunner exportRunner = new ExportRunner(store, dicomWebReads, new StoredInstances(dicomWebReads, frameReader),
          storage.imports(), clock, new ExportRunner.Settings(importConfig.parallelJobs(), lease, MAX_ATTEMPTS,
              POLL_INTERVAL));
      ExportJobs exports = new ExportJobs(store, storage.imports(), clock, exportRunner::wake);
      List<DicomWebHandler> dicomWebHandlers = new ArrayList<>(List.of(
          new SeriesMetadataHandler(dicomWebReads),
          new InstanceMetadataHandler(dicomWebReads),
          new StudyMetadataHandler(dicomWebReads),
          new FramesHandler(dicomWebReads, frameReader),
          new BulkDataHandler(dicomWebReads)));
      dicomWebHandlers.addAll(InstanceRetrievalHandler.all(dicomWebReads, frameReader));
      dicomWebHandlers.addAll(RenderedHandler.all(dicomWebReads, frameReader));
      dicomWebHandlers.addAll(SearchHandler.all(new DicomWebSearch(store)));
      // Instances sent by clients (STOW-RS, DIMSE C-STORE) are folded into image sets by this one fold runner.
      FoldRunner folds = new FoldRunner(store, blobs, clock, new FoldRunner.Settings(lease, POLL_INTERVAL));
      dicomWebHandlers.addAll(StoreHandler.all(new DirectImporter(store, blobs, new FrameTranscoder(),
          ReadOptions.defaults(), folds, cleanup, stowWorkers, importLimits, clock)));
      DicomWebApi dicomWeb = new DicomWebApi(new DicomWebAuth(authentication, config.dicomWeb().bearerToken(), callers,
          new BearerTokens(access, id -> store.read(tx -> tx.datastores().find(id))
              .flatMap(Datastore::lambdaAuthorizerArn), clock)),
          callers.requests(), audit, limits, dicomWebHandlers, api);

      ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("openahi-maintenance").daemon().factory());
      maintenance.scheduleWithFixedDelay(() -> cleanUp(cleanup), 0, CLEANUP_INTERVAL.toSeconds(), TimeUnit.SECONDS);
      maintenance.scheduleWithFixedDelay(() -> pruneEvents(events), 0, CLEANUP_INTERVAL.toSeconds(), TimeUnit.SECONDS);
      DicomWebIndexBackfill backfill = new DicomWebIndexBackfill(store, versionDocuments);
      maintenance.execute(backfill::run);
      importRunner.start();
      operations.start();
      events.start();
      exportRunner.start();
      BrowserFrontDoor browser = new BrowserFrontDoor(new Cors(config.browser().corsOrigins()), authentication,
          versionAuthors, browserData(datastores, imageSets), config.browser().viewerDirectory(), config.region(),
          () -> api);
      if (!browser.viewerInstalled()) {
        LOG.info("The OHIF viewer is not installed{}: /viewer/ says so; ./openahi serve installs it with npm",
            config.browser().viewerDirectory().map(dir -> " in " + dir).orElse(""));
      }
      folds.start();
      PrometheusRegistry metrics = new PrometheusRegistry();
      HttpFrontDoor http = HttpFrontDoor.start(config.bind(), config.port(), api, dicomWeb, () -> healthy(store),
          new HttpFrontDoor.BodyLimits(config.maxRequestBytes(), config.dicomWeb().maxStoreBytes(),
              config.dicomWeb().maxConcurrentStores(), config.dicomWeb().maxSpooledBytes()),
          config.dataDirectory().resolve("spool").resolve("stow"), metrics, browser,
          List.of(new EventsEndpoint(events, List.copyOf(config.events().webhooks().keySet()), api, callers.requests()),
              new ExportsEndpoint(exports, api, callers.requests())));
      // C-STOREs read their instances on their own pool too, beside STOW-RS and import jobs.
      ExecutorService dimseWorkers = Executors.newFixedThreadPool(importConfig.workers(),
          Thread.ofPlatform().name("openahi-dimse-worker-", 0).factory());
      DimseSettings dimseSettings = dimseSettings(config);
      DimseMetrics dimseMetrics = new DimseMetrics(metrics);
      Map<String, InetSocketAddress> destinations = new HashMap<>();
      dimseSettings.destinations().forEach((ae, destination) ->
          destinations.put(ae, InetSocketAddress.createUnresolved(destination.host(), destination.port())));
      Services dimseServices = new Services(store, new InstanceWriter(new DirectImporter(store, blobs,
          new FrameTranscoder(), ReadOptions.defaults(), folds, cleanup, dimseWorkers, importLimits, clock)),
          importLimits.maxFileBytes(), dimseSettings.spoolDirectory(), dicomWebReads, new StoredInstances(dicomWebReads, frameReader), destinations,
          dimseSettings.association(), dimseMetrics);
      DimseServer dimse;
      try {
        dimse = DimseServer.start(dimseSettings, store, dimseServices::forDatastore, dimseMetrics);
      } catch (RuntimeException e) {
        http.stop();
        folds.close();
        events.close();
        exportRunner.close();
        dimseWorkers.shutdownNow();
        throw e;
      }
      if (config.usesDevelopmentCredentials() && !isLoopback(config.bind())) {
        LOG.warn("Listening on {} with the development credentials: set OPENAHI_ACCESS_KEY_ID and "
            + "OPENAHI_SECRET_ACCESS_KEY before exposing this server", config.bind());
      }
      LOG.info("openahi is listening on http://{}:{}/ and for DICOM on port {}{}", config.bind(), http.port(),
          dimse.port(), dimse.tlsPort().map(port -> " (TLS " + port + ")").orElse(""));
      return new OpenAhiServer(store, storage, auditLog, importWorkers, stowWorkers, importRunner, operations, folds,
          maintenance, http, dimseWorkers, dimse, events, exportRunner);
    } catch (RuntimeException e) {
      events.close();
      if (storage != null) {
        storage.close();
      }
      if (auditLog != null) {
        auditLog.close();
      }
      store.close();
      throw e;
    }
  }

  public int port() {
    return http.port();
  }

  /** The DICOM listener's port. */
  public int dimsePort() {
    return dimse.port();
  }

  private static DimseSettings dimseSettings(ServerConfig config) {
    ServerConfig.Dimse dimse = config.dimse();
    Optional<DimseSettings.Tls> tls = dimse.tlsPort().map(port -> new DimseSettings.Tls(port, dimse.tlsKey().orElseThrow(),
        dimse.tlsCertificate().orElseThrow(), dimse.tlsTrustedCertificates()));
    Map<String, DimseSettings.Destination> destinations = new HashMap<>();
    dimse.destinations().forEach((ae, address) ->
        destinations.put(ae, new DimseSettings.Destination(address.host(), address.port())));
    AssociationSettings association = AssociationSettings.defaults();
    association = association.withTimeouts(association.artim(), Duration.ofSeconds(dimse.idleSeconds()),
        association.readTimeout());
    return new DimseSettings(config.bind(), dimse.port(), tls, dimse.callingAeTitles(), dimse.aeTitles(), destinations,
        dimse.maxAssociations(), association, config.dataDirectory().resolve("spool").resolve("dimse"));
  }

  public void join() throws InterruptedException {
    http.join();
  }

  /**
   * Stops accepting requests (DICOM associations are cut), lets HTTP requests in flight finish, stops imports, then
   * closes the stores.
   */
  @Override
  public void close() {
    dimse.close();
    http.stop();
    maintenance.shutdownNow();
    importRunner.close();
    operations.close();
    folds.close();
    events.close();
    exportRunner.close();
    importWorkers.shutdownNow();
    stowWorkers.shutdownNow();
    dimseWorkers.shutdownNow();
    storage.close();
    auditLog.close();
    store.close();
    LOG.info("openahi stopped");
  }

  /**
   * The blob store as the services see it: encrypted at rest with per-data-store data keys when a key file is
   * configured (data keys wrapped by an older master key version are re-wrapped now), else as it is.
   */
  private static BlobStore encrypted(BlobStore blobs, Optional<MasterKeys> masterKeys, MetadataStore store) {
    if (masterKeys.isEmpty()) {
      return blobs;
    }
    DataKeys dataKeys = new DataKeys(store, masterKeys.get(), id -> store.read(tx -> tx.datastores().find(id))
        .flatMap(Datastore::kmsKeyArn));
    dataKeys.rotate();
    LOG.info("Blobs are encrypted at rest (AES-256-GCM, a data key per data store; default master key {})",
        masterKeys.get().defaultArn());
    return new EncryptingBlobStore(blobs, dataKeys);
  }

  private static void cleanUp(BlobCleanup cleanup) {
    try {
      cleanup.cleanAll();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Blob cleanup failed: {}", e.getMessage());
    }
  }

  private static void pruneEvents(EventDelivery events) {
    try {
      events.prune();
    } catch (RuntimeException e) {
      LOG.warn("Pruning delivered events failed: {}", e.getMessage());
    }
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

  /** What the browser pages read: ACTIVE data stores, and whether an image set is in a data store. */
  private static BrowserFrontDoor.Data browserData(DatastoreService datastores, ImageSetService imageSets) {
    return new BrowserFrontDoor.Data() {
      @Override
      public List<Datastore> activeDatastores() {
        return datastores.list(Optional.of(DatastoreStatus.ACTIVE), BROWSER_DATASTORES, Optional.empty()).items();
      }

      @Override
      public void requireImageSet(String datastoreId, String imageSetId) {
        imageSets.get(datastoreId, imageSetId, Optional.empty());
      }
    };
  }
}
