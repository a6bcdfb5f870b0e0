package org.openahi.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.openahi.core.access.AccessControl;
import org.openahi.core.audit.AuditLog;
import org.openahi.core.blob.BlobNotFoundException;
import org.openahi.core.blob.BlobStore;
import org.openahi.core.crypto.MasterKeys;
import org.openahi.core.datastore.Datastore;
import org.openahi.core.datastore.DatastoreService;
import org.openahi.core.datastore.DatastoreStatus;
import org.openahi.core.dicomweb.DecodedFrameFiles;
import org.openahi.core.dicomweb.DicomWebSearch;
import org.openahi.core.dicomweb.StoredInstances;
import org.openahi.core.imageset.ImageSetReads;
import org.openahi.core.importing.InstanceIngest;
import org.openahi.core.store.MetadataStore;
import org.openahi.core.throttle.Admission;
import org.openahi.core.throttle.RateProfile;
import org.openahi.core.throttle.Throttle;
import org.openahi.dicom.io.ReadOptions;
import org.openahi.dimse.DimseServer;
import org.openahi.dimse.DimseSettings;
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
import org.openahi.server.browser.Authentication;
import org.openahi.server.browser.BrowserFrontDoor;
import org.openahi.server.browser.BrowserSessions;
import org.openahi.server.browser.Cors;
import org.openahi.server.config.ServerConfig;
import org.openahi.server.dicomweb.DicomWebApi;
import org.openahi.server.dicomweb.DicomWebAuth;
import org.openahi.server.dicomweb.DicomWebRoutes;
import org.openahi.server.dimse.DimseMetrics;
import org.openahi.server.events.EventsEndpoint;
import org.openahi.server.exports.ExportsEndpoint;
import org.openahi.server.health.Health;
import org.openahi.server.http.RequestOrigins;
import org.openahi.server.jetty.HttpFrontDoor;
import org.openahi.server.metrics.DatabaseMetrics;
import org.openahi.server.metrics.DecodedFrameMetrics;
import org.openahi.server.metrics.MeteredBlobStore;
import org.openahi.server.metrics.Metrics;
import org.openahi.server.metrics.ReadCacheMetrics;
import org.openahi.server.metrics.WorkMetrics;
import org.openahi.server.oidc.BearerTokens;
import org.openahi.store.jdbc.JdbcMetadataStore;
import org.openahi.store.jdbc.JdbcSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the stores, builds the domain ({@link Domain}) and the background work
 * ({@link Background}), then the front doors (AHI API with openahi's extensions, DICOMweb, browser on one HTTP port;
 * DIMSE), and runs them.
 * Whatever started is registered with {@link Started}, so a start that fails (a taken port) closes it again.
 */
public final class OpenAhiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAhiServer.class);
    /** Tests set this system property so every response is checked against its output shape. */
    public static final String VERIFY_OUTPUTS_PROPERTY = "openahi.verifyOutputs";
    /** Data stores the viewer offers at most (AHI's quota is 10 by default). */
    private static final int BROWSER_DATASTORES = 50;
    /** A key no openahi writes: readiness asks the blob store for it and is answered "not found". */
    private static final String HEALTH_PROBE_KEY = "health/probe";

    private final Started started;
    private final HttpFrontDoor http;
    private final DimseServer dimse;

    private OpenAhiServer(Started started, HttpFrontDoor http, DimseServer dimse) {
        this.started = started;
        this.http = http;
        this.dimse = dimse;
    }

    public static OpenAhiServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static OpenAhiServer start(ServerConfig config, Clock clock) {
        return start(config, clock, clock);
    }

    /**
     * @param tierClock the clock storage tiers judge accesses and ages by (a test moves it days ahead, which the clock of
     *     signatures and leases must not be)
     */
    public static OpenAhiServer start(ServerConfig config, Clock clock, Clock tierClock) {
        LOG.info("Starting openahi with {}", config.describe());
        // Parsing the service model is a sixth of the start-up's work and needs nothing else: it runs on the second
        // core
        // while the database opens.
        CompletableFuture<ServiceModel> serviceModel = CompletableFuture.supplyAsync(ServiceModel::load);
        Started started = new Started();
        try {
            Metrics metrics = new Metrics(config.nodeName());
            JdbcMetadataStore database = started.add(JdbcMetadataStore.open(new JdbcSettings(
                    config.databaseUrl(), config.databaseUser(), config.databasePassword(), config.databasePool())));
            DatabaseMetrics.register(metrics, database::poolUsage);
            Storage storage = started.add(new Storage(config, new MeteredBlobStore.Instruments(metrics)));
            // A commit that recorded events wakes their delivery, which is built with the background work after the
            // store;
            // events recorded before it starts are found by its first poll.
            AtomicReference<Runnable> wakeDelivery = new AtomicReference<>(() -> {});
            Domain.Shared shared = Domain.Shared.create(
                    config,
                    clock,
                    tierClock,
                    database,
                    storage,
                    () -> wakeDelivery.get().run(),
                    started.add(decodedFrameFiles(config)));
            WorkMetrics work = new WorkMetrics(metrics);
            Background background = Background.create(config, clock, shared, started, work);
            work.watch(background.runners());
            work.watchImportQueue(() ->
                    shared.store().read(tx -> tx.importJobs().unfinishedIds().size()));
            work.watchPendingFrames(background.pendingFrames()::backlogBytes);
            wakeDelivery.set(background.eventDelivery()::wake);
            Domain domain = Domain.create(config, clock, shared, background);
            AccessControl access = config.access()
                    .file()
                    .map(file -> AccessControl.fromFile(file, System.getenv()))
                    .orElseGet(() -> AccessControl.singleKey(
                            config.accessKeyId(), config.secretAccessKey(), config.accountId()));
            Callers callers =
                    new Callers(access, new AccessRequests(shared.account(), domain.tags()), config.accountId());
            ServiceModel model = serviceModel.join();
            SigV4Verifier verifier =
                    new SigV4Verifier(new AccessKeys(access::secretFor), config.region(), model.signingName(), clock);
            // A browser session stands for the access key that signed in: its principal and rights are the key's.
            Authentication authentication = new Authentication(
                    verifier,
                    new BrowserSessions(Duration.ofSeconds(config.browser().sessionSeconds()), clock),
                    accessKeyId -> callers.forKey(accessKeyId).arn());
            AuditTrail audit =
                    new AuditTrail(started.add(new AuditLog(config.access().auditLog())), clock);
            RequestLimits limits = requestLimits(config);
            AwsApi api = new AwsApi(
                    model,
                    authentication,
                    verifier,
                    callers,
                    audit,
                    limits,
                    awsOperations(domain, shared),
                    Boolean.getBoolean(VERIFY_OUTPUTS_PROPERTY));
            // The scheme and host clients addressed: DICOMweb's URLs and the browser's cookie read the same answer.
            RequestOrigins origins = new RequestOrigins(config.trustProxyHeaders());
            DicomWebApi dicomWeb = dicomWeb(
                    config, clock, shared, background, access, authentication, callers, audit, limits, origins);
            background.start(config, shared);
            BrowserFrontDoor browser = browser(config, domain, authentication, origins);
            ReadCacheMetrics.register(metrics, shared.readBlobs());
            DecodedFrameMetrics.register(metrics, shared.decodedFrames());
            Health health = started.add(health(config, database, storage.blobs()));
            HttpFrontDoor http = HttpFrontDoor.start(
                    config.bind(),
                    config.port(),
                    api,
                    dicomWeb,
                    health,
                    new HttpFrontDoor.BodyLimits(
                            config.maxRequestBytes(),
                            config.dicomWeb().maxStoreBytes(),
                            config.dicomWeb().maxConcurrentStores(),
                            config.dicomWeb().maxSpooledBytes()),
                    config.dataDirectory().resolve("spool").resolve("stow"),
                    metrics,
                    browser,
                    List.of(
                            new EventsEndpoint(domain.events(), api, callers.requests()),
                            new ExportsEndpoint(domain.exports(), api, callers.requests())));
            started.add(http, http::stop);
            DimseServer dimse = started.add(dimse(config, clock, shared, background, metrics));
            if (config.usesDevelopmentCredentials() && !isLoopback(config.bind())) {
                LOG.warn(
                        "Listening on {} with the development credentials: set OPENAHI_ACCESS_KEY_ID and "
                                + "OPENAHI_SECRET_ACCESS_KEY before exposing this server",
                        config.bind());
            }
            LOG.info(
                    "openahi is listening on http://{}:{}/ and for DICOM on port {}{}",
                    config.bind(),
                    http.port(),
                    dimse.port(),
                    dimse.tlsPort().map(port -> " (TLS " + port + ")").orElse(""));
            return new OpenAhiServer(started, http, dimse);
        } catch (RuntimeException e) {
            started.closeAfter(e);
            throw e;
        }
    }

    /** The AHI API's 18 operations, each with the core entry it calls. */
    private static List<OperationHandler> awsOperations(Domain domain, Domain.Shared shared) {
        Optional<MasterKeys> masterKeys = shared.masterKeys();
        return List.of(
                new CreateDatastoreOperation(
                        domain.datastores(),
                        arn -> masterKeys.map(keys -> keys.has(arn)).orElse(true)),
                new GetDatastoreOperation(domain.datastores()),
                new ListDatastoresOperation(domain.datastores()),
                new DeleteDatastoreOperation(domain.datastores()),
                new TagResourceOperation(domain.tags()),
                new UntagResourceOperation(domain.tags()),
                new ListTagsForResourceOperation(domain.tags()),
                new StartDicomImportJobOperation(domain.imports()),
                new GetDicomImportJobOperation(domain.imports()),
                new ListDicomImportJobsOperation(domain.imports()),
                new GetImageSetOperation(domain.imageSets(), shared.tiers()),
                new GetImageSetMetadataOperation(domain.imageSets()),
                new GetImageFrameOperation(domain.imageSets()),
                new ListImageSetVersionsOperation(domain.imageSets()),
                new SearchImageSetsOperation(domain.search(), shared.tiers()),
                new UpdateImageSetMetadataOperation(domain.writes(), domain.versionAuthors()),
                new CopyImageSetOperation(domain.writes(), domain.imageSets(), domain.versionAuthors()),
                new DeleteImageSetOperation(domain.writes()));
    }

    private static RequestLimits requestLimits(ServerConfig config) {
        RequestLimits limits = new RequestLimits(
                new Throttle(RateProfile.named(
                        config.load().throttling(), config.load().throttlingOverrides())),
                new Admission(
                        config.load().maxExpensiveRequests(),
                        config.load().maxQueuedRequests(),
                        config.load().queueWaitMillis()));
        LOG.info("Request limits: {}", limits);
        return limits;
    }

    private static DicomWebApi dicomWeb(
            ServerConfig config,
            Clock clock,
            Domain.Shared shared,
            Background background,
            AccessControl access,
            Authentication authentication,
            Callers callers,
            AuditTrail audit,
            RequestLimits limits,
            RequestOrigins origins) {
        MetadataStore store = shared.store();
        List<DicomWebRoutes.Route> routes = DicomWebRoutes.all(
                shared.dicomWebReads(),
                shared.frameReader(),
                new DicomWebSearch(store),
                ingest(clock, shared, background, background.stowWorkers()));
        return new DicomWebApi(
                new DicomWebAuth(
                        authentication,
                        config.dicomWeb().bearerToken(),
                        callers,
                        new BearerTokens(
                                access,
                                id -> store.read(tx -> tx.datastores().find(id))
                                        .flatMap(Datastore::lambdaAuthorizerArn),
                                clock)),
                callers.requests(),
                audit,
                limits,
                origins,
                routes);
    }

    /**
     * The disk tier of decoded frames, emptied: off when blobs are encrypted at rest, since its files hold the frames'
     * samples in the clear (docs/decisions.md, "Decoded frames on disk").
     */
    private static DecodedFrameFiles decodedFrameFiles(ServerConfig config) {
        ServerConfig.DicomWeb dicomWeb = config.dicomWeb();
        if (config.encryption().keyFile().isPresent() && dicomWeb.decodedFrameDiskBytes() > 0) {
            LOG.info("Decoded frames are not kept on disk: blobs are encrypted at rest");
            return DecodedFrameFiles.off();
        }
        try {
            return DecodedFrameFiles.open(dicomWeb.decodedFrameDirectory(), dicomWeb.decodedFrameDiskBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The folder of decoded frames (OPENAHI_DECODED_FRAME_DIR) " + dicomWeb.decodedFrameDirectory()
                            + " cannot be used: " + e,
                    e);
        }
    }

    /** Instances a client hands over (STOW-RS, DIMSE C-STORE), read on {@code workers} and folded in the background. */
    private static InstanceIngest ingest(
            Clock clock, Domain.Shared shared, Background background, ExecutorService workers) {
        return new InstanceIngest(
                shared.store(),
                shared.blobs(),
                shared.transcoder(),
                background.pendingFrames(),
                ReadOptions.defaults(),
                background.folds(),
                shared.cleanup(),
                workers,
                shared.importLimits(),
                clock);
    }

    private static BrowserFrontDoor browser(
            ServerConfig config, Domain domain, Authentication authentication, RequestOrigins origins) {
        BrowserFrontDoor browser = new BrowserFrontDoor(
                new Cors(config.browser().corsOrigins()),
                authentication,
                domain.versionAuthors(),
                browserData(domain.datastores(), domain.imageSets()),
                config.browser().viewerDirectory(),
                config.region(),
                origins);
        if (!browser.viewerInstalled()) {
            LOG.info(
                    "The OHIF viewer is not installed{}: /viewer/ says so; ./openahi serve installs it with npm",
                    config.browser().viewerDirectory().map(dir -> " in " + dir).orElse(""));
        }
        return browser;
    }

    private static DimseServer dimse(
            ServerConfig config, Clock clock, Domain.Shared shared, Background background, Metrics metrics) {
        DimseSettings dimseSettings = dimseSettings(config);
        DimseMetrics dimseMetrics = new DimseMetrics(metrics);
        Map<String, InetSocketAddress> destinations = new HashMap<>();
        dimseSettings
                .destinations()
                .forEach((ae, destination) -> destinations.put(
                        ae, InetSocketAddress.createUnresolved(destination.host(), destination.port())));
        Services dimseServices = new Services(
                shared.store(),
                ingest(clock, shared, background, background.dimseWorkers()),
                shared.importLimits().maxFileBytes(),
                dimseSettings.spoolDirectory(),
                shared.dicomWebReads(),
                new StoredInstances(shared.dicomWebReads(), shared.frameReader()),
                destinations,
                dimseSettings.association(),
                dimseMetrics);
        return DimseServer.start(dimseSettings, shared.store(), dimseServices::forDatastore, dimseMetrics);
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
        Optional<DimseSettings.Tls> tls = dimse.tlsPort()
                .map(port -> new DimseSettings.Tls(
                        port,
                        dimse.tlsKey().orElseThrow(),
                        dimse.tlsCertificate().orElseThrow(),
                        dimse.tlsTrustedCertificates()));
        Map<String, DimseSettings.Destination> destinations = new HashMap<>();
        dimse.destinations()
                .forEach((ae, address) ->
                        destinations.put(ae, new DimseSettings.Destination(address.host(), address.port())));
        AssociationSettings association = AssociationSettings.defaults();
        association = association.withTimeouts(
                association.artim(), Duration.ofSeconds(dimse.idleSeconds()), association.readTimeout());
        return new DimseSettings(
                config.bind(),
                dimse.port(),
                tls,
                dimse.callingAeTitles(),
                dimse.aeTitles(),
                destinations,
                dimse.maxAssociations(),
                association,
                config.dataDirectory().resolve("spool").resolve("dimse"));
    }

    public void join() throws InterruptedException {
        http.join();
    }

    /**
     * Stops accepting requests (DICOM associations are cut), lets HTTP requests in flight finish, stops imports,
     * image set work, exports and event delivery, then closes the stores: what started, in the reverse order.
     */
    @Override
    public void close() {
        started.close();
        LOG.info("openahi stopped");
    }

    /** Readiness asks the database a trivial query and the blob store for a blob that is never written. */
    private static Health health(ServerConfig config, MetadataStore database, BlobStore blobs) {
        Map<String, Health.Check> checks = new LinkedHashMap<>();
        checks.put("database", () -> database.read(tx -> tx.datastores().countNotDeleted()));
        checks.put("blobStore", () -> {
            try (InputStream found = blobs.get(HEALTH_PROBE_KEY)) {
                // Somebody wrote it: the store answered all the same.
            } catch (BlobNotFoundException expected) {
                // The store answered.
            }
        });
        return new Health(config.nodeName(), Health.version(), checks);
    }

    private static boolean isLoopback(String bind) {
        return bind.equals("127.0.0.1") || bind.equals("::1") || bind.equals("localhost");
    }

    /** What the browser pages read: ACTIVE data stores, and whether an image set is in a data store. */
    private static BrowserFrontDoor.Data browserData(DatastoreService datastores, ImageSetReads imageSets) {
        return new BrowserFrontDoor.Data() {
            @Override
            public List<Datastore> activeDatastores() {
                return datastores
                        .list(Optional.of(DatastoreStatus.ACTIVE), BROWSER_DATASTORES, Optional.empty())
                        .items();
            }

            @Override
            public void requireImageSet(String datastoreId, String imageSetId) {
                imageSets.get(datastoreId, imageSetId, Optional.empty());
            }
        };
    }
}
