package org.openahi.server.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.openahi.core.throttle.RateProfile;
import org.openahi.store.jdbc.JdbcSettings;

/**
 * Everything the server is told by its environment. Defaults make `./openahi serve` work on a laptop:
 * loopback only, data under ./data, development credentials in the spirit of MinIO's.
 */
public record ServerConfig(
        String bind,
        int port,
        Path dataDirectory,
        String databaseUrl,
        Optional<String> databaseUser,
        Optional<String> databasePassword,
        String accessKeyId,
        String secretAccessKey,
        String region,
        String accountId,
        int maxDatastores,
        long maxRequestBytes,
        String blobStore,
        S3 s3,
        List<Path> fileRoots,
        Imports imports,
        ImageSetWrites imageSetWrites,
        Background background,
        DicomWeb dicomWeb,
        Dimse dimse,
        Access access,
        Load load,
        Encryption encryption,
        Browser browser,
        Tiers tiers,
        Events events,
        String nodeName,
        boolean trustProxyHeaders,
        JdbcSettings.Pool databasePool,
        long cacheBytes) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_ACCESS_KEY_ID = "openahi";
    public static final String DEFAULT_SECRET_ACCESS_KEY = "openahi-dev-secret";
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,253}");
    private static final Pattern WEBHOOK_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The S3-compatible service used for s3:// import inputs and outputs and an s3:// blob store. */
    public record S3(
            Optional<URI> endpoint,
            String region,
            Optional<String> accessKeyId,
            Optional<String> secretAccessKey,
            boolean pathStyle) {}

    /** Import job limits and parallelism. */
    public record Imports(
            int workers, int parallelJobs, int maxFiles, long maxJobBytes, long maxFileBytes, int maxUnfinishedJobs) {}

    /** Quotas of UpdateImageSetMetadata and CopyImageSet. */
    public record ImageSetWrites(int updateMaxBytes, int copyMaxFrames) {}

    /**
     * Background work (import jobs, image set operations): lease length, the grace of the blob cleanup, and the bytes
     * of frames that may wait to be encoded.
     */
    public record Background(int leaseSeconds, long blobCleanupGraceSeconds, long pendingFrameBytes) {}

    /**
     * DICOMweb: the bearer token browser viewers may send instead of SigV4; the largest STOW-RS request, and how many
     * STOW-RS bodies and bytes may be spooled at once; the bytes of decoded frames kept for viewers asking for
     * uncompressed pixels in memory, and on disk in their own folder.
     */
    public record DicomWeb(
            Optional<String> bearerToken,
            long maxStoreBytes,
            int maxConcurrentStores,
            long maxSpooledBytes,
            long decodedFrameCacheBytes,
            long decodedFrameDiskBytes,
            Path decodedFrameDirectory) {
        @Override
        public String toString() {
            return "DicomWeb[bearerToken=" + bearerToken.map(t -> "****").orElse("-") + ", maxStoreBytes="
                    + maxStoreBytes
                    + ", maxConcurrentStores=" + maxConcurrentStores + ", maxSpooledBytes=" + maxSpooledBytes
                    + ", decodedFrameCacheBytes=" + decodedFrameCacheBytes + ", decodedFrameDiskBytes="
                    + decodedFrameDiskBytes + ", decodedFrameDirectory=" + decodedFrameDirectory + "]";
        }
    }

    /**
     * Browsers (docs/browser.md): origins allowed to call the API and DICOMweb across origins, how long a sign-in
     * session lasts, and the folder of the bundled OHIF viewer (empty: no viewer).
     */
    public record Browser(List<String> corsOrigins, int sessionSeconds, Optional<Path> viewerDirectory) {
        public Browser {
            corsOrigins = List.copyOf(corsOrigins);
        }
    }

    /**
     * The DICOM listener (docs/dimse.md): its port and optional TLS port with key, certificate chain and the
     * certificates peers must be signed by; the calling AE titles allowed (empty: any); called AE titles mapped to data
     * store ids; C-MOVE and Storage Commitment destinations by AE title; the association limit and idle timeout.
     */
    public record Dimse(
            int port,
            Optional<Integer> tlsPort,
            Optional<Path> tlsKey,
            Optional<Path> tlsCertificate,
            Optional<Path> tlsTrustedCertificates,
            Set<String> callingAeTitles,
            Map<String, String> aeTitles,
            Map<String, HostPort> destinations,
            int maxAssociations,
            int idleSeconds) {
        public Dimse {
            callingAeTitles = Set.copyOf(callingAeTitles);
            aeTitles = Map.copyOf(aeTitles);
            destinations = Map.copyOf(destinations);
        }
    }

    /** A host and TCP port, as {@code host:port}. */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * Who may do what: the operator's access file (principals, access keys, IAM policies), or none for the single
     * development key allowed everything.
     */
    public record Access(Optional<Path> file, Path auditLog) {}

    /**
     * Throttling and load shedding: the rate profile (aws, generous, off) with per-action overrides, and how many
     * expensive requests run at once, wait, and for how long.
     */
    public record Load(
            String throttling,
            String throttlingOverrides,
            int maxExpensiveRequests,
            int maxQueuedRequests,
            long queueWaitMillis) {}

    /**
     * Storage tiers: how long an image set stays unaccessed before it is archived, how often an access is written, how
     * often the sweep runs, and where archived image sets' blobs go (none: they stay in the blob store).
     */
    public record Tiers(
            long archiveAfterSeconds,
            long accessGranularitySeconds,
            long sweepSeconds,
            Optional<String> archiveBlobStore) {}

    /** Encryption at rest: the master key file, or none for blobs stored as they are. */
    public record Encryption(Optional<Path> keyFile) {}

    /**
     * AHI's events sent to webhooks (docs/events.md): each webhook's URL and signing secret by name, the longest wait
     * between attempts at an event, and how long delivered events are kept for replays.
     */
    public record Events(Map<String, Webhook> webhooks, int retryMaxSeconds, int retentionHours) {
        public Events {
            webhooks = Collections.unmodifiableMap(new LinkedHashMap<>(webhooks));
        }
    }

    /** A webhook: where events are POSTed, and the key of their HMAC-SHA256 signature. */
    public record Webhook(String name, URI url, String secret) {
        @Override
        public String toString() {
            return url + " (secret ****)";
        }
    }

    /** The variables, their defaults and meaning, in the order the README lists them. */
    public enum Variable {
        OPENAHI_PORT(Integer.toString(DEFAULT_PORT), "TCP port to listen on (0 picks a free one)"),
        OPENAHI_BIND("127.0.0.1", "address to listen on; 0.0.0.0 for every interface"),
        OPENAHI_NODE_NAME(
                "<host name>",
                "this node's name in the answers of `/_openahi/health/live` and `/ready`, in every log line and as "
                        + "the `node` label of every metric: one name per node when several run"),
        OPENAHI_TRUST_PROXY_HEADERS(
                "false",
                "`true` behind a reverse proxy or load balancer that sets `Forwarded` or `X-Forwarded-Proto` and "
                        + "`X-Forwarded-Host`: the URLs the server writes (DICOMweb RetrieveURL, bulk data URIs) "
                        + "name the scheme and host the client used; `false` ignores those headers "
                        + "([docs/decisions.md](docs/decisions.md#proxy-headers))"),
        OPENAHI_DATA_DIR("./data", "where the embedded database and blobs live"),
        OPENAHI_DATABASE_URL(
                "jdbc:sqlite:<OPENAHI_DATA_DIR>/openahi.db",
                "metadata database; a jdbc:postgresql://host/db URL switches to PostgreSQL"),
        OPENAHI_DATABASE_USER("", "PostgreSQL user (or put it in the URL)"),
        OPENAHI_DATABASE_PASSWORD("", "PostgreSQL password (or put it in the URL)"),
        OPENAHI_DATABASE_POOL_SIZE(
                Integer.toString(JdbcSettings.Pool.DEFAULT.maxConnections()),
                "most connections this node opens to PostgreSQL, opened as needed (SQLite: reader connections); "
                        + "see [Running several nodes](#running-several-nodes)"),
        OPENAHI_DATABASE_CONNECT_TIMEOUT_MILLIS(
                Long.toString(JdbcSettings.Pool.DEFAULT.connectTimeout().toMillis()),
                "how long a transaction waits for a new connection to PostgreSQL before it fails (readiness "
                        + "says DOWN within it when the database stops answering)"),
        OPENAHI_DATABASE_IDLE_SECONDS(
                Long.toString(JdbcSettings.Pool.DEFAULT.idleTimeout().toSeconds()),
                "a PostgreSQL connection unused this long is closed (two idle ones are kept)"),
        OPENAHI_BLOB_STORE(
                "<OPENAHI_DATA_DIR>/blobs",
                "where frames and metadata documents live: a folder, or s3://bucket/prefix"),
        OPENAHI_CACHE_BYTES(
                "67108864",
                "metadata documents and frames kept in memory for reads (least recently used evicted; a blob larger "
                        + "than an eighth of it is not kept); 0 keeps none"),
        OPENAHI_KEY_FILE(
                "", "master keys for encryption at rest (docs/encryption.md); empty: blobs are stored unencrypted"),
        OPENAHI_ACCESS_KEY_ID(DEFAULT_ACCESS_KEY_ID, "the access key id clients sign with (SigV4)"),
        OPENAHI_SECRET_ACCESS_KEY(DEFAULT_SECRET_ACCESS_KEY, "its secret access key"),
        OPENAHI_ACCESS_FILE(
                "",
                "principals, their access keys and IAM policies (docs/access.md), re-read when it "
                        + "changes; empty: the one key above, allowed everything"),
        OPENAHI_AUDIT_LOG(
                "<OPENAHI_DATA_DIR>/audit.log",
                "one JSON line per write (principal, request id, action, " + "resources, client address, outcome)"),
        OPENAHI_REGION("us-east-1", "the region clients sign for and ARNs name"),
        OPENAHI_ACCOUNT_ID("000000000000", "12-digit account id in ARNs"),
        OPENAHI_MAX_DATASTORES("10", "data stores that may exist at once (AHI's default quota is 10)"),
        OPENAHI_MAX_REQUEST_BYTES("1048576", "largest API request body accepted"),
        OPENAHI_THROTTLING(
                "generous",
                "request rates per caller and action: `aws` (AHI's published rates), `generous` "
                        + "(1,000 times those, at least 10,000/s) or `off`; beyond, 429 ThrottlingException"),
        OPENAHI_THROTTLING_OVERRIDES(
                "",
                "rates replacing the profile's, e.g. `GetImageFrame=500/1000,SearchImageSets=5/10` "
                        + "(per second/burst)"),
        OPENAHI_MAX_EXPENSIVE_REQUESTS(
                "<4 x cores>",
                "metadata, frame, search and DICOMweb retrieve and search requests " + "worked on at once"),
        OPENAHI_MAX_QUEUED_REQUESTS("128", "more of them that may wait for room; beyond, 503 with Retry-After at once"),
        OPENAHI_QUEUE_WAIT_MILLIS("1000", "how long one may wait for room before it is answered 503"),
        OPENAHI_S3_ENDPOINT("", "S3-compatible endpoint for s3:// URIs (empty: AWS S3)"),
        OPENAHI_S3_REGION("<OPENAHI_REGION>", "region of that S3 service"),
        OPENAHI_S3_ACCESS_KEY_ID("", "S3 credentials (empty: the AWS default credential chain)"),
        OPENAHI_S3_SECRET_ACCESS_KEY("", "S3 secret"),
        OPENAHI_S3_PATH_STYLE("true", "path-style S3 addressing, which most S3-compatible servers need"),
        OPENAHI_FILE_ROOTS("", "comma-separated folders clients may name as file:/// import input and output"),
        OPENAHI_IMPORT_WORKERS(
                "<cores>", "files imported in parallel (STOW-RS and C-STORE read twice as many instances at once)"),
        OPENAHI_IMPORT_PARALLEL_JOBS("2", "import jobs run at once by this server"),
        OPENAHI_IMPORT_MAX_FILES("5000", "files per import job (AHI's default quota)"),
        OPENAHI_IMPORT_MAX_JOB_BYTES("10737418240", "bytes per import job (AHI: 10 GB)"),
        OPENAHI_IMPORT_MAX_FILE_BYTES("4294967296", "bytes per DICOM file (AHI: 4 GB)"),
        OPENAHI_IMPORT_MAX_UNFINISHED_JOBS("100", "SUBMITTED and IN_PROGRESS jobs per data store (AHI's quota)"),
        OPENAHI_UPDATE_MAX_BYTES(
                "10240",
                "UpdateImageSetMetadata attribute bytes per request (AHI's quota: 10 KB; " + "the model allows 30000)"),
        OPENAHI_COPY_MAX_FRAMES("1000", "image frames per CopyImageSet request (AHI's quota)"),
        OPENAHI_LEASE_SECONDS(
                "60",
                "how long background work (an import job, an image set update, copy or delete) "
                        + "survives its server's silence before another server takes it over"),
        OPENAHI_BLOB_CLEANUP_GRACE_SECONDS("3600", "age before an unreferenced blob outside running work is removed"),
        OPENAHI_PENDING_FRAME_BYTES(
                "2147483648",
                "bytes of uncompressed frames (STOW-RS, C-STORE, import jobs) that may be stored as they came and "
                        + "encoded in the data store's lossless format once the intake is quiet; beyond, and with 0, "
                        + "frames are encoded before their instance is acknowledged (docs/decisions.md)"),
        OPENAHI_DICOMWEB_BEARER_TOKEN(
                "",
                "a token DICOMweb clients (browser viewers) may send as `Authorization: Bearer "
                        + "<token>` instead of signing with SigV4; empty: SigV4 only"),
        OPENAHI_STOW_MAX_BYTES("1073741824", "largest STOW-RS request body (AHI: 1 GB)"),
        OPENAHI_STOW_MAX_CONCURRENT(
                "32",
                "STOW-RS requests whose bodies are spooled and stored at once; more are "
                        + "answered 503 with Retry-After"),
        OPENAHI_STOW_SPOOL_BYTES(
                "2147483648",
                "bytes of STOW-RS bodies spooled to disk at once (a body that does not "
                        + "fit is answered 503 with Retry-After)"),
        OPENAHI_DECODED_FRAME_CACHE_BYTES(
                "33554432",
                "decoded frames kept for DICOMweb clients asking for uncompressed "
                        + "pixels (least recently used evicted); 0 keeps none"),
        OPENAHI_DECODED_FRAME_DISK_BYTES(
                "1073741824",
                "decoded frames kept on disk behind those in memory, written when a frame is stored (STOW-RS, "
                        + "DIMSE, import) or first decoded; least recently used evicted, emptied at start, off when "
                        + "blobs are encrypted; 0 keeps none"),
        OPENAHI_DECODED_FRAME_DIR(
                "<OPENAHI_DATA_DIR>/decoded-frames",
                "the folder of those decoded frames, this node's own (its files are deleted at start)"),
        OPENAHI_DIMSE_PORT(
                "11112",
                "DICOM listener (DIMSE: C-ECHO, C-STORE, C-FIND, C-MOVE, C-GET, Storage Commitment), "
                        + "bound to OPENAHI_BIND (0 picks a free one); see [docs/dimse.md](docs/dimse.md)"),
        OPENAHI_DIMSE_TLS_PORT("", "DICOM TLS listener (BCP 195 profile); needs the key and certificate below"),
        OPENAHI_DIMSE_TLS_KEY("", "PEM file of the TLS private key (PKCS#8, RSA or EC)"),
        OPENAHI_DIMSE_TLS_CERTIFICATE("", "PEM file of the TLS certificate chain"),
        OPENAHI_DIMSE_TLS_CA(
                "",
                "PEM file of the certificates TLS peers must present one signed by; empty: no client "
                        + "certificate asked"),
        OPENAHI_DIMSE_CALLING_AE_TITLES("", "comma-separated calling AE titles allowed to associate; empty: any"),
        OPENAHI_DIMSE_AE_TITLES(
                "",
                "`AE=datastoreId,...`: called AE titles naming a data store; any other called AE title "
                        + "names the ACTIVE data store whose datastoreName it equals"),
        OPENAHI_DIMSE_DESTINATIONS(
                "",
                "`AE=host:port,...`: where C-MOVE sends instances and Storage Commitment results "
                        + "go when the requester's association has closed"),
        OPENAHI_DIMSE_MAX_ASSOCIATIONS(
                "32",
                "DICOM associations served at once; more are rejected (A-ASSOCIATE-RJ, local " + "limit exceeded)"),
        OPENAHI_DIMSE_IDLE_SECONDS("300", "how long a DICOM association may stay silent before it is aborted"),
        OPENAHI_CORS_ORIGINS(
                "",
                "comma-separated origins (`https://viewer.example.org`, or `*`) whose pages may call the "
                        + "API and DICOMweb across origins; empty: none (see [docs/browser.md](docs/browser.md))"),
        OPENAHI_SESSION_SECONDS("3600", "how long a browser sign-in session lasts"),
        OPENAHI_VIEWER_DIR(
                "",
                "the OHIF viewer's files served at /viewer/ (`./openahi serve` installs it from npm and sets "
                        + "this); empty: no viewer"),
        OPENAHI_ARCHIVE_AFTER_SECONDS(
                "2592000",
                "an image set nobody accessed (metadata or frame read, DICOMweb retrieve, "
                        + "copy, update) for this long moves to storageTier ARCHIVE_INSTANT_ACCESS (AHI: 30 days)"),
        OPENAHI_ACCESS_GRANULARITY_SECONDS(
                "3600",
                "an image set's access is written at most once in this time "
                        + "(`lastAccessedAt` is exact to it); shorter than the above"),
        OPENAHI_TIER_SWEEP_SECONDS("3600", "how often image sets are archived, and their blobs moved"),
        OPENAHI_ARCHIVE_BLOB_STORE(
                "",
                "where archived image sets' blobs are moved (a folder, or s3://bucket/prefix), and "
                        + "moved back from when they are accessed again; empty: blobs stay in the blob store"),
        OPENAHI_EVENT_WEBHOOKS(
                "",
                "`name=url,...`: webhooks AHI's events (EventBridge JSON) are POSTed to, in order, at "
                        + "least once (see [docs/events.md](docs/events.md)); empty: events are only recorded"),
        OPENAHI_EVENT_WEBHOOK_SECRETS(
                "",
                "`name=secret,...`: each webhook's key for the `X-Openahi-Signature` header "
                        + "(HMAC-SHA256 of the body); every webhook needs one"),
        OPENAHI_EVENT_RETRY_MAX_SECONDS(
                "300",
                "longest wait between attempts at an event a webhook did not accept (the "
                        + "first retry is after 1 s, each next one waits twice as long)"),
        OPENAHI_EVENT_RETENTION_HOURS("168", "how long events every webhook received are kept for replays");

        private final String defaultValue;
        private final String description;

        Variable(String defaultValue, String description) {
            this.defaultValue = defaultValue;
            this.description = description;
        }

        public String defaultValue() {
            return defaultValue;
        }

        public String description() {
            return description;
        }
    }

    /** The configuration from environment variables; every problem is reported at once. */
    public static ServerConfig fromEnvironment(Map<String, String> environment) {
        Reader read = new Reader(environment);
        int port = read.integer(Variable.OPENAHI_PORT, 0, 65535);
        Path dataDirectory = Path.of(read.text(Variable.OPENAHI_DATA_DIR));
        String databaseUrl = read.optional(Variable.OPENAHI_DATABASE_URL)
                .orElse("jdbc:sqlite:" + dataDirectory.resolve("openahi.db"));
        if (!databaseUrl.startsWith("jdbc:sqlite:") && !databaseUrl.startsWith("jdbc:postgresql:")) {
            read.problem(Variable.OPENAHI_DATABASE_URL + " must start with jdbc:sqlite: or jdbc:postgresql:, got '"
                    + databaseUrl + "'");
        }
        String nodeName = nodeName(environment);
        if (!NODE_NAME.matcher(nodeName).matches()) {
            read.problem(Variable.OPENAHI_NODE_NAME + " must be letters, digits, '.', '_' and '-' (a host name), got '"
                    + nodeName + "'");
        }
        String region = read.text(Variable.OPENAHI_REGION);
        if (!REGION.matcher(region).matches()) {
            read.problem(
                    Variable.OPENAHI_REGION + " must look like an AWS region (e.g. us-east-1), got '" + region + "'");
        }
        String accountId = read.text(Variable.OPENAHI_ACCOUNT_ID);
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            read.problem(Variable.OPENAHI_ACCOUNT_ID + " must be 12 digits, got '" + accountId + "'");
        }
        S3 s3 = new S3(
                read.optional(Variable.OPENAHI_S3_ENDPOINT).map(URI::create),
                read.optional(Variable.OPENAHI_S3_REGION).orElse(region),
                read.optional(Variable.OPENAHI_S3_ACCESS_KEY_ID),
                read.optional(Variable.OPENAHI_S3_SECRET_ACCESS_KEY),
                read.bool(Variable.OPENAHI_S3_PATH_STYLE));
        Imports imports = new Imports(
                read.optional(Variable.OPENAHI_IMPORT_WORKERS).isPresent()
                        ? read.integer(Variable.OPENAHI_IMPORT_WORKERS, 1, 1024)
                        : Runtime.getRuntime().availableProcessors(),
                read.integer(Variable.OPENAHI_IMPORT_PARALLEL_JOBS, 1, 64),
                read.integer(Variable.OPENAHI_IMPORT_MAX_FILES, 1, Integer.MAX_VALUE),
                read.longInteger(Variable.OPENAHI_IMPORT_MAX_JOB_BYTES, 1),
                read.longInteger(Variable.OPENAHI_IMPORT_MAX_FILE_BYTES, 1),
                read.integer(Variable.OPENAHI_IMPORT_MAX_UNFINISHED_JOBS, 1, Integer.MAX_VALUE));
        ImageSetWrites imageSetWrites = new ImageSetWrites(
                read.integer(Variable.OPENAHI_UPDATE_MAX_BYTES, 1, 30_000),
                read.integer(Variable.OPENAHI_COPY_MAX_FRAMES, 1, Integer.MAX_VALUE));
        Background background = new Background(
                read.integer(Variable.OPENAHI_LEASE_SECONDS, 1, 86_400),
                read.longInteger(Variable.OPENAHI_BLOB_CLEANUP_GRACE_SECONDS, 0),
                read.longInteger(Variable.OPENAHI_PENDING_FRAME_BYTES, 0));
        DicomWeb dicomWeb = new DicomWeb(
                read.optional(Variable.OPENAHI_DICOMWEB_BEARER_TOKEN),
                read.longInteger(Variable.OPENAHI_STOW_MAX_BYTES, 1),
                read.integer(Variable.OPENAHI_STOW_MAX_CONCURRENT, 1, 100_000),
                read.longInteger(Variable.OPENAHI_STOW_SPOOL_BYTES, 1),
                read.longInteger(Variable.OPENAHI_DECODED_FRAME_CACHE_BYTES, 0),
                read.longInteger(Variable.OPENAHI_DECODED_FRAME_DISK_BYTES, 0),
                read.optional(Variable.OPENAHI_DECODED_FRAME_DIR)
                        .map(Path::of)
                        .orElse(dataDirectory.resolve("decoded-frames")));
        Dimse dimse = dimse(read);
        List<String> corsOrigins = read.optional(Variable.OPENAHI_CORS_ORIGINS)
                .map(list -> Arrays.stream(list.split(","))
                        .map(String::strip)
                        .filter(o -> !o.isEmpty())
                        .toList())
                .orElse(List.of());
        org.openahi.server.browser.Cors.problems(corsOrigins)
                .forEach(problem -> read.problem(Variable.OPENAHI_CORS_ORIGINS + ": " + problem));
        Browser browser = new Browser(
                corsOrigins,
                read.integer(Variable.OPENAHI_SESSION_SECONDS, 60, 86_400),
                read.optional(Variable.OPENAHI_VIEWER_DIR).map(Path::of));
        List<Path> fileRoots = read.optional(Variable.OPENAHI_FILE_ROOTS)
                .map(roots -> Arrays.stream(roots.split(","))
                        .map(String::strip)
                        .filter(r -> !r.isEmpty())
                        .map(Path::of)
                        .toList())
                .orElse(List.of());
        ServerConfig config = new ServerConfig(
                read.text(Variable.OPENAHI_BIND),
                port,
                dataDirectory,
                databaseUrl,
                read.optional(Variable.OPENAHI_DATABASE_USER),
                read.optional(Variable.OPENAHI_DATABASE_PASSWORD),
                read.text(Variable.OPENAHI_ACCESS_KEY_ID),
                read.text(Variable.OPENAHI_SECRET_ACCESS_KEY),
                region,
                accountId,
                read.integer(Variable.OPENAHI_MAX_DATASTORES, 1, Integer.MAX_VALUE),
                read.integer(Variable.OPENAHI_MAX_REQUEST_BYTES, 1024, Integer.MAX_VALUE - 8),
                read.optional(Variable.OPENAHI_BLOB_STORE)
                        .orElse(dataDirectory.resolve("blobs").toString()),
                s3,
                fileRoots,
                imports,
                imageSetWrites,
                background,
                dicomWeb,
                dimse,
                new Access(
                        read.optional(Variable.OPENAHI_ACCESS_FILE).map(Path::of),
                        read.optional(Variable.OPENAHI_AUDIT_LOG)
                                .map(Path::of)
                                .orElse(dataDirectory.resolve("audit.log"))),
                new Load(
                        read.text(Variable.OPENAHI_THROTTLING),
                        read.optional(Variable.OPENAHI_THROTTLING_OVERRIDES).orElse(""),
                        read.optional(Variable.OPENAHI_MAX_EXPENSIVE_REQUESTS).isPresent()
                                ? read.integer(Variable.OPENAHI_MAX_EXPENSIVE_REQUESTS, 1, 100_000)
                                : 4 * Runtime.getRuntime().availableProcessors(),
                        read.integer(Variable.OPENAHI_MAX_QUEUED_REQUESTS, 0, 1_000_000),
                        read.longInteger(Variable.OPENAHI_QUEUE_WAIT_MILLIS, 0)),
                new Encryption(read.optional(Variable.OPENAHI_KEY_FILE).map(Path::of)),
                browser,
                tiers(read),
                events(read),
                nodeName,
                read.bool(Variable.OPENAHI_TRUST_PROXY_HEADERS),
                new JdbcSettings.Pool(
                        read.integer(Variable.OPENAHI_DATABASE_POOL_SIZE, 1, 1000),
                        Duration.ofMillis(read.longInteger(Variable.OPENAHI_DATABASE_CONNECT_TIMEOUT_MILLIS, 250)),
                        // HikariCP's shortest idle timeout is 10 s; it must stay below a connection's 30 min life.
                        Duration.ofSeconds(read.integer(Variable.OPENAHI_DATABASE_IDLE_SECONDS, 10, 1_500))),
                read.longInteger(Variable.OPENAHI_CACHE_BYTES, 0));
        try {
            RateProfile.named(config.load().throttling(), config.load().throttlingOverrides());
        } catch (IllegalArgumentException e) {
            read.problem(Variable.OPENAHI_THROTTLING + " / " + Variable.OPENAHI_THROTTLING_OVERRIDES + ": "
                    + e.getMessage());
        }
        read.throwIfProblems();
        return config;
    }

    /** {@code OPENAHI_NODE_NAME}, else the host name: also read by the logging, configured before the server. */
    public static String nodeName(Map<String, String> environment) {
        String named =
                environment.getOrDefault(Variable.OPENAHI_NODE_NAME.name(), "").strip();
        return named.isEmpty() ? hostName() : named;
    }

    /** The kernel's host name, read from /proc (no name service lookup at start), else the JDK's. */
    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException notLinux) {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                return "localhost";
            }
        }
    }

    private static Tiers tiers(Reader read) {
        Tiers tiers = new Tiers(
                read.longInteger(Variable.OPENAHI_ARCHIVE_AFTER_SECONDS, 2),
                read.longInteger(Variable.OPENAHI_ACCESS_GRANULARITY_SECONDS, 1),
                read.longInteger(Variable.OPENAHI_TIER_SWEEP_SECONDS, 1),
                read.optional(Variable.OPENAHI_ARCHIVE_BLOB_STORE));
        if (tiers.accessGranularitySeconds() >= tiers.archiveAfterSeconds()) {
            read.problem(Variable.OPENAHI_ACCESS_GRANULARITY_SECONDS + " must be shorter than "
                    + Variable.OPENAHI_ARCHIVE_AFTER_SECONDS);
        }
        return tiers;
    }

    private static Events events(Reader read) {
        Map<String, String> secrets = read.pairs(Variable.OPENAHI_EVENT_WEBHOOK_SECRETS);
        Map<String, Webhook> webhooks = new LinkedHashMap<>();
        read.pairs(Variable.OPENAHI_EVENT_WEBHOOKS).forEach((name, url) -> {
            if (!WEBHOOK_NAME.matcher(name).matches()) {
                read.problem(Variable.OPENAHI_EVENT_WEBHOOKS + ": '" + name
                        + "' is not a webhook name (1 to 64 letters, " + "digits, '-' or '_')");
            }
            URI uri = null;
            try {
                uri = new URI(url);
            } catch (java.net.URISyntaxException e) {
                // reported below
            }
            if (uri == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                read.problem(Variable.OPENAHI_EVENT_WEBHOOKS + ": '" + url + "' of webhook " + name
                        + " is not an http:// or https:// URL");
            }
            String secret = secrets.get(name);
            if (secret == null) {
                read.problem(Variable.OPENAHI_EVENT_WEBHOOK_SECRETS + " has no secret for webhook " + name);
            }
            webhooks.put(name, new Webhook(name, uri, secret));
        });
        secrets.keySet().stream()
                .filter(name -> !webhooks.containsKey(name))
                .forEach(name -> read.problem(Variable.OPENAHI_EVENT_WEBHOOK_SECRETS + " names " + name + ", which "
                        + Variable.OPENAHI_EVENT_WEBHOOKS + " does not"));
        return new Events(
                webhooks,
                read.integer(Variable.OPENAHI_EVENT_RETRY_MAX_SECONDS, 1, 86_400),
                read.integer(Variable.OPENAHI_EVENT_RETENTION_HOURS, 1, 100_000));
    }

    private static Dimse dimse(Reader read) {
        Optional<Integer> tlsPort = read.optional(Variable.OPENAHI_DIMSE_TLS_PORT)
                .map(text -> read.integer(Variable.OPENAHI_DIMSE_TLS_PORT, 0, 65535));
        Optional<Path> key = read.optional(Variable.OPENAHI_DIMSE_TLS_KEY).map(Path::of);
        Optional<Path> certificate =
                read.optional(Variable.OPENAHI_DIMSE_TLS_CERTIFICATE).map(Path::of);
        if (tlsPort.isPresent() && (key.isEmpty() || certificate.isEmpty())) {
            read.problem(Variable.OPENAHI_DIMSE_TLS_PORT + " needs " + Variable.OPENAHI_DIMSE_TLS_KEY + " and "
                    + Variable.OPENAHI_DIMSE_TLS_CERTIFICATE);
        }
        Map<String, String> aeTitles = new LinkedHashMap<>();
        read.pairs(Variable.OPENAHI_DIMSE_AE_TITLES).forEach((ae, id) -> aeTitles.put(aeTitle(read, ae), id));
        Map<String, HostPort> destinations = new LinkedHashMap<>();
        read.pairs(Variable.OPENAHI_DIMSE_DESTINATIONS).forEach((ae, address) -> {
            int colon = address.lastIndexOf(':');
            try {
                int destinationPort = Integer.parseInt(address.substring(colon + 1));
                if (colon <= 0 || destinationPort < 1 || destinationPort > 65535) {
                    throw new NumberFormatException();
                }
                destinations.put(aeTitle(read, ae), new HostPort(address.substring(0, colon), destinationPort));
            } catch (NumberFormatException e) {
                read.problem(Variable.OPENAHI_DIMSE_DESTINATIONS + ": '" + address + "' is not host:port");
            }
        });
        Set<String> calling = new LinkedHashSet<>();
        read.optional(Variable.OPENAHI_DIMSE_CALLING_AE_TITLES)
                .ifPresent(list -> Arrays.stream(list.split(","))
                        .map(String::strip)
                        .filter(ae -> !ae.isEmpty())
                        .forEach(ae -> calling.add(aeTitle(read, ae))));
        return new Dimse(
                read.integer(Variable.OPENAHI_DIMSE_PORT, 0, 65535),
                tlsPort,
                key,
                certificate,
                read.optional(Variable.OPENAHI_DIMSE_TLS_CA).map(Path::of),
                calling,
                aeTitles,
                destinations,
                read.integer(Variable.OPENAHI_DIMSE_MAX_ASSOCIATIONS, 1, 10_000),
                read.integer(Variable.OPENAHI_DIMSE_IDLE_SECONDS, 1, 86_400));
    }

    /** An AE title (PS3.5 Table 6.2-1): 1 to 16 characters of ASCII without backslash or control characters. */
    private static String aeTitle(Reader read, String title) {
        if (title.isEmpty()
                || title.length() > 16
                || !title.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '\\')) {
            read.problem("'" + title + "' is not an AE title (1 to 16 characters, no backslash)");
        }
        return title;
    }

    /** The effective configuration for the start-up log, secrets masked. */
    public Map<String, String> describe() {
        Map<String, String> described = new LinkedHashMap<>();
        described.put("bind", bind);
        described.put("port", Integer.toString(port));
        described.put(
                "dataDirectory", dataDirectory.toAbsolutePath().normalize().toString());
        described.put("databaseUrl", databaseUrl.replaceAll("(?i)(password=)[^&;]*", "$1****"));
        described.put("databaseUser", databaseUser.orElse("-"));
        described.put("databasePassword", databasePassword.map(p -> "****").orElse("-"));
        described.put("databasePool", databasePool.toString());
        described.put("nodeName", nodeName);
        described.put("trustProxyHeaders", Boolean.toString(trustProxyHeaders));
        described.put("blobStore", blobStore);
        described.put("cacheBytes", Long.toString(cacheBytes));
        if (access.file().isPresent()) {
            described.put("accessFile", access.file().get().toString());
        } else {
            described.put("accessKeyId", accessKeyId);
            described.put("secretAccessKey", "****");
        }
        described.put("region", region);
        described.put("accountId", accountId);
        described.put("maxDatastores", Integer.toString(maxDatastores));
        described.put("maxRequestBytes", Long.toString(maxRequestBytes));
        described.put("s3Endpoint", s3.endpoint().map(URI::toString).orElse("AWS"));
        described.put(
                "s3Credentials", s3.accessKeyId().map(id -> id + " / ****").orElse("default chain"));
        described.put("auditLog", access.auditLog().toString());
        described.put("load", load.toString());
        described.put("keyFile", encryption.keyFile().map(Path::toString).orElse("- (blobs unencrypted)"));
        described.put("fileRoots", fileRoots.toString());
        described.put("imports", imports.toString());
        described.put("imageSetWrites", imageSetWrites.toString());
        described.put("background", background.toString());
        described.put("dicomWeb", dicomWeb.toString());
        described.put("dimse", dimse.toString());
        described.put("browser", browser.toString());
        described.put("tiers", tiers.toString());
        described.put("events", events.toString());
        return described;
    }

    public boolean usesDevelopmentCredentials() {
        return access.file().isEmpty()
                && accessKeyId.equals(DEFAULT_ACCESS_KEY_ID)
                && secretAccessKey.equals(DEFAULT_SECRET_ACCESS_KEY);
    }

    /** Reads variables, collecting every problem so they are reported together. */
    private static final class Reader {
        private final Map<String, String> environment;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> environment) {
            this.environment = environment;
        }

        Optional<String> optional(Variable variable) {
            String value = environment.get(variable.name());
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        String text(Variable variable) {
            return optional(variable).orElse(variable.defaultValue());
        }

        int integer(Variable variable, int min, int max) {
            return (int) longInteger(variable, min, max);
        }

        long longInteger(Variable variable, long min) {
            return longInteger(variable, min, Long.MAX_VALUE);
        }

        private long longInteger(Variable variable, long min, long max) {
            String text = text(variable);
            try {
                long value = Long.parseLong(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(variable + " must be an integer from " + min + " to " + max + ", got '" + text + "'");
            return min;
        }

        /** {@code KEY=value,...} pairs; a malformed pair is a problem. */
        Map<String, String> pairs(Variable variable) {
            Map<String, String> pairs = new LinkedHashMap<>();
            optional(variable).ifPresent(list -> {
                for (String pair : list.split(",")) {
                    if (pair.isBlank()) {
                        continue;
                    }
                    int equals = pair.indexOf('=');
                    if (equals <= 0 || equals == pair.length() - 1) {
                        problem(variable + ": '" + pair.strip() + "' is not KEY=value");
                    } else {
                        pairs.put(
                                pair.substring(0, equals).strip(),
                                pair.substring(equals + 1).strip());
                    }
                }
            });
            return pairs;
        }

        boolean bool(Variable variable) {
            String text = text(variable);
            if (!text.equals("true") && !text.equals("false")) {
                problem(variable + " must be true or false, got '" + text + "'");
            }
            return text.equals("true");
        }

        void problem(String problem) {
            problems.add(problem);
        }

        void throwIfProblems() {
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Invalid configuration:\n  " + String.join("\n  ", problems));
            }
        }
    }
}
