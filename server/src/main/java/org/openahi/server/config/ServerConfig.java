package org.openahi.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the server is told by its environment. Defaults make `./openahi serve` work on a laptop:
 * loopback only, data under ./data, development credentials in the spirit of MinIO's.
 */
public record ServerConfig(String bind, int port, Path dataDirectory, String databaseUrl,
                           Optional<String> databaseUser, Optional<String> databasePassword, String accessKeyId,
                           String secretAccessKey, String region, String accountId, int maxDatastores,
                           long maxRequestBytes, String blobStore, S3 s3, List<Path> fileRoots, Imports imports,
                           ImageSetWrites imageSetWrites, Background background, DicomWeb dicomWeb) {

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_ACCESS_KEY_ID = "openahi";
  public static final String DEFAULT_SECRET_ACCESS_KEY = "openahi-dev-secret";
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

  /** The S3-compatible service used for s3:// import inputs and outputs and an s3:// blob store. */
  public record S3(Optional<URI> endpoint, String region, Optional<String> accessKeyId,
                   Optional<String> secretAccessKey, boolean pathStyle) {
  }

  /** Import job limits and parallelism. */
  public record Imports(int workers, int parallelJobs, int maxFiles, long maxJobBytes, long maxFileBytes,
                        int maxUnfinishedJobs) {
  }

  /** Quotas of UpdateImageSetMetadata and CopyImageSet. */
  public record ImageSetWrites(int updateMaxBytes, int copyMaxFrames) {
  }

  /** Background work (import jobs, image set operations): lease length, and the grace of the blob cleanup. */
  public record Background(int leaseSeconds, long blobCleanupGraceSeconds) {
  }

  /**
   * DICOMweb: the bearer token browser viewers may send instead of SigV4; the largest STOW-RS request, and how many
   * STOW-RS bodies and bytes may be spooled at once; the bytes of decoded frames kept for viewers asking for
   * uncompressed pixels.
   */
  public record DicomWeb(Optional<String> bearerToken, long maxStoreBytes, int maxConcurrentStores,
                         long maxSpooledBytes, long decodedFrameCacheBytes) {
    @Override
    public String toString() {
      return "DicomWeb[bearerToken=" + bearerToken.map(t -> "****").orElse("-") + ", maxStoreBytes=" + maxStoreBytes
          + ", maxConcurrentStores=" + maxConcurrentStores + ", maxSpooledBytes=" + maxSpooledBytes
          + ", decodedFrameCacheBytes=" + decodedFrameCacheBytes + "]";
    }
  }

  /** The variables, their defaults and meaning, in the order the README lists them. */
  public enum Variable {
    OPENAHI_PORT(Integer.toString(DEFAULT_PORT), "TCP port to listen on (0 picks a free one)"),
    OPENAHI_BIND("127.0.0.1", "address to listen on; 0.0.0.0 for every interface"),
    OPENAHI_DATA_DIR("./data", "where the embedded database and blobs live"),
    OPENAHI_DATABASE_URL("jdbc:sqlite:<OPENAHI_DATA_DIR>/openahi.db",
        "metadata database; a jdbc:postgresql://host/db URL switches to PostgreSQL"),
    OPENAHI_DATABASE_USER("", "PostgreSQL user (or put it in the URL)"),
    OPENAHI_DATABASE_PASSWORD("", "PostgreSQL password (or put it in the URL)"),
    OPENAHI_BLOB_STORE("<OPENAHI_DATA_DIR>/blobs", "where frames and metadata documents live: a folder, or s3://bucket/prefix"),
    OPENAHI_ACCESS_KEY_ID(DEFAULT_ACCESS_KEY_ID, "the access key id clients sign with (SigV4)"),
    OPENAHI_SECRET_ACCESS_KEY(DEFAULT_SECRET_ACCESS_KEY, "its secret access key"),
    OPENAHI_REGION("us-east-1", "the region clients sign for and ARNs name"),
    OPENAHI_ACCOUNT_ID("000000000000", "12-digit account id in ARNs"),
    OPENAHI_MAX_DATASTORES("10", "data stores that may exist at once (AHI's default quota is 10)"),
    OPENAHI_MAX_REQUEST_BYTES("1048576", "largest API request body accepted"),
    OPENAHI_S3_ENDPOINT("", "S3-compatible endpoint for s3:// URIs (empty: AWS S3)"),
    OPENAHI_S3_REGION("<OPENAHI_REGION>", "region of that S3 service"),
    OPENAHI_S3_ACCESS_KEY_ID("", "S3 credentials (empty: the AWS default credential chain)"),
    OPENAHI_S3_SECRET_ACCESS_KEY("", "S3 secret"),
    OPENAHI_S3_PATH_STYLE("true", "path-style S3 addressing, which most S3-compatible servers need"),
    OPENAHI_FILE_ROOTS("", "comma-separated folders clients may name as file:/// import input and output"),
    OPENAHI_IMPORT_WORKERS("<cores>", "files imported in parallel"),
    OPENAHI_IMPORT_PARALLEL_JOBS("2", "import jobs run at once by this server"),
    OPENAHI_IMPORT_MAX_FILES("5000", "files per import job (AHI's default quota)"),
    OPENAHI_IMPORT_MAX_JOB_BYTES("10737418240", "bytes per import job (AHI: 10 GB)"),
    OPENAHI_IMPORT_MAX_FILE_BYTES("4294967296", "bytes per DICOM file (AHI: 4 GB)"),
    OPENAHI_IMPORT_MAX_UNFINISHED_JOBS("100", "SUBMITTED and IN_PROGRESS jobs per data store (AHI's quota)"),
    OPENAHI_UPDATE_MAX_BYTES("10240", "UpdateImageSetMetadata attribute bytes per request (AHI's quota: 10 KB; "
        + "the model allows 30000)"),
    OPENAHI_COPY_MAX_FRAMES("1000", "image frames per CopyImageSet request (AHI's quota)"),
    OPENAHI_LEASE_SECONDS("60", "how long background work (an import job, an image set update, copy or delete) "
        + "survives its server's silence before another server takes it over"),
    OPENAHI_BLOB_CLEANUP_GRACE_SECONDS("3600", "age before an unreferenced blob outside running work is removed"),
    OPENAHI_DICOMWEB_BEARER_TOKEN("", "a token DICOMweb clients (browser viewers) may send as `Authorization: Bearer "
        + "<token>` instead of signing with SigV4; empty: SigV4 only"),
    OPENAHI_STOW_MAX_BYTES("1073741824", "largest STOW-RS request body (AHI: 1 GB)"),
    OPENAHI_STOW_MAX_CONCURRENT("32", "STOW-RS requests whose bodies are spooled and stored at once; more are "
        + "answered 503 with Retry-After"),
    OPENAHI_STOW_SPOOL_BYTES("2147483648", "bytes of STOW-RS bodies spooled to disk at once (a body that does not "
        + "fit is answered 503 with Retry-After)"),
    OPENAHI_DECODED_FRAME_CACHE_BYTES("33554432", "decoded frames kept for DICOMweb clients asking for uncompressed "
        + "pixels (least recently used evicted); 0 keeps none");

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
    String region = read.text(Variable.OPENAHI_REGION);
    if (!REGION.matcher(region).matches()) {
      read.problem(Variable.OPENAHI_REGION + " must look like an AWS region (e.g. us-east-1), got '" + region + "'");
    }
    String accountId = read.text(Variable.OPENAHI_ACCOUNT_ID);
    if (!ACCOUNT_ID.matcher(accountId).matches()) {
      read.problem(Variable.OPENAHI_ACCOUNT_ID + " must be 12 digits, got '" + accountId + "'");
    }
    S3 s3 = new S3(read.optional(Variable.OPENAHI_S3_ENDPOINT).map(URI::create),
        read.optional(Variable.OPENAHI_S3_REGION).orElse(region), read.optional(Variable.OPENAHI_S3_ACCESS_KEY_ID),
        read.optional(Variable.OPENAHI_S3_SECRET_ACCESS_KEY), read.bool(Variable.OPENAHI_S3_PATH_STYLE));
    Imports imports = new Imports(
        read.optional(Variable.OPENAHI_IMPORT_WORKERS).isPresent()
            ? read.integer(Variable.OPENAHI_IMPORT_WORKERS, 1, 1024) : Runtime.getRuntime().availableProcessors(),
        read.integer(Variable.OPENAHI_IMPORT_PARALLEL_JOBS, 1, 64),
        read.integer(Variable.OPENAHI_IMPORT_MAX_FILES, 1, Integer.MAX_VALUE),
        read.longInteger(Variable.OPENAHI_IMPORT_MAX_JOB_BYTES, 1),
        read.longInteger(Variable.OPENAHI_IMPORT_MAX_FILE_BYTES, 1),
        read.integer(Variable.OPENAHI_IMPORT_MAX_UNFINISHED_JOBS, 1, Integer.MAX_VALUE));
    ImageSetWrites imageSetWrites = new ImageSetWrites(read.integer(Variable.OPENAHI_UPDATE_MAX_BYTES, 1, 30_000),
        read.integer(Variable.OPENAHI_COPY_MAX_FRAMES, 1, Integer.MAX_VALUE));
    Background background = new Background(read.integer(Variable.OPENAHI_LEASE_SECONDS, 1, 86_400),
        read.longInteger(Variable.OPENAHI_BLOB_CLEANUP_GRACE_SECONDS, 0));
    DicomWeb dicomWeb = new DicomWeb(read.optional(Variable.OPENAHI_DICOMWEB_BEARER_TOKEN),
        read.longInteger(Variable.OPENAHI_STOW_MAX_BYTES, 1),
        read.integer(Variable.OPENAHI_STOW_MAX_CONCURRENT, 1, 100_000),
        read.longInteger(Variable.OPENAHI_STOW_SPOOL_BYTES, 1),
        read.longInteger(Variable.OPENAHI_DECODED_FRAME_CACHE_BYTES, 0));
    List<Path> fileRoots = read.optional(Variable.OPENAHI_FILE_ROOTS)
        .map(roots -> Arrays.stream(roots.split(",")).map(String::strip).filter(r -> !r.isEmpty()).map(Path::of).toList())
        .orElse(List.of());
    ServerConfig config = new ServerConfig(read.text(Variable.OPENAHI_BIND), port, dataDirectory, databaseUrl,
        read.optional(Variable.OPENAHI_DATABASE_USER), read.optional(Variable.OPENAHI_DATABASE_PASSWORD),
        read.text(Variable.OPENAHI_ACCESS_KEY_ID), read.text(Variable.OPENAHI_SECRET_ACCESS_KEY), region, accountId,
        read.integer(Variable.OPENAHI_MAX_DATASTORES, 1, Integer.MAX_VALUE),
        read.integer(Variable.OPENAHI_MAX_REQUEST_BYTES, 1024, Integer.MAX_VALUE - 8),
        read.optional(Variable.OPENAHI_BLOB_STORE).orElse(dataDirectory.resolve("blobs").toString()), s3, fileRoots,
        imports, imageSetWrites, background, dicomWeb);
    read.throwIfProblems();
    return config;
  }

  /** The effective configuration for the start-up log, secrets masked. */
  public Map<String, String> describe() {
    Map<String, String> described = new LinkedHashMap<>();
    described.put("bind", bind);
    described.put("port", Integer.toString(port));
    described.put("dataDirectory", dataDirectory.toAbsolutePath().normalize().toString());
    described.put("databaseUrl", databaseUrl.replaceAll("(?i)(password=)[^&;]*", "$1****"));
    described.put("databaseUser", databaseUser.orElse("-"));
    described.put("databasePassword", databasePassword.map(p -> "****").orElse("-"));
    described.put("blobStore", blobStore);
    described.put("accessKeyId", accessKeyId);
    described.put("secretAccessKey", "****");
    described.put("region", region);
    described.put("accountId", accountId);
    described.put("maxDatastores", Integer.toString(maxDatastores));
    described.put("maxRequestBytes", Long.toString(maxRequestBytes));
    described.put("s3Endpoint", s3.endpoint().map(URI::toString).orElse("AWS"));
    described.put("s3Credentials", s3.accessKeyId().map(id -> id + " / ****").orElse("default chain"));
    described.put("fileRoots", fileRoots.toString());
    described.put("imports", imports.toString());
    described.put("imageSetWrites", imageSetWrites.toString());
    described.put("background", background.toString());
    described.put("dicomWeb", dicomWeb.toString());
    return described;
  }

  public boolean usesDevelopmentCredentials() {
    return accessKeyId.equals(DEFAULT_ACCESS_KEY_ID) && secretAccessKey.equals(DEFAULT_SECRET_ACCESS_KEY);
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
