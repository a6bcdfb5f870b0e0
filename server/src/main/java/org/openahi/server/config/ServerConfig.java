package org.openahi.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything the server is told by its environment. Defaults make `./openahi serve` work on a laptop:
 * loopback only, data under ./data, development credentials in the spirit of MinIO's.
 */
public record ServerConfig(String bind, int port, Path dataDirectory, String databaseUrl,
                           Optional<String> databaseUser, Optional<String> databasePassword, String accessKeyId,
                           String secretAccessKey, String region, String accountId, int maxDatastores,
                           long maxRequestBytes) {

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_ACCESS_KEY_ID = "openahi";
  public static final String DEFAULT_SECRET_ACCESS_KEY = "openahi-dev-secret";
  private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");

  /** The variables, their defaults and meaning, in the order the README lists them. */
  public enum Variable {
    OPENAHI_PORT(Integer.toString(DEFAULT_PORT), "TCP port to listen on (0 picks a free one)"),
    OPENAHI_BIND("127.0.0.1", "address to listen on; 0.0.0.0 for every interface"),
    OPENAHI_DATA_DIR("./data", "where the embedded database and files live"),
    OPENAHI_DATABASE_URL("jdbc:sqlite:<OPENAHI_DATA_DIR>/openahi.db",
        "metadata database; a jdbc:postgresql://host/db URL switches to PostgreSQL"),
    OPENAHI_DATABASE_USER("", "PostgreSQL user (or put it in the URL)"),
    OPENAHI_DATABASE_PASSWORD("", "PostgreSQL password (or put it in the URL)"),
    OPENAHI_ACCESS_KEY_ID(DEFAULT_ACCESS_KEY_ID, "the access key id clients sign with (SigV4)"),
    OPENAHI_SECRET_ACCESS_KEY(DEFAULT_SECRET_ACCESS_KEY, "its secret access key"),
    OPENAHI_REGION("us-east-1", "the region clients sign for and ARNs name"),
    OPENAHI_ACCOUNT_ID("000000000000", "12-digit account id in ARNs"),
    OPENAHI_MAX_DATASTORES("10", "data stores that may exist at once (AHI's default quota is 10)"),
    OPENAHI_MAX_REQUEST_BYTES("1048576", "largest API request body accepted");

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
    List<String> problems = new ArrayList<>();
    Function<Variable, String> get = variable -> {
      String value = environment.get(variable.name());
      return value == null || value.isBlank() ? variable.defaultValue() : value.strip();
    };
    int port = integer(get, Variable.OPENAHI_PORT, 0, 65535, problems);
    Path dataDirectory = Path.of(get.apply(Variable.OPENAHI_DATA_DIR));
    String databaseUrl = environment.getOrDefault(Variable.OPENAHI_DATABASE_URL.name(), "").isBlank()
        ? "jdbc:sqlite:" + dataDirectory.resolve("openahi.db")
        : environment.get(Variable.OPENAHI_DATABASE_URL.name()).strip();
    if (!databaseUrl.startsWith("jdbc:sqlite:") && !databaseUrl.startsWith("jdbc:postgresql:")) {
      problems.add(Variable.OPENAHI_DATABASE_URL + " must start with jdbc:sqlite: or jdbc:postgresql:, got '"
          + databaseUrl + "'");
    }
    String region = get.apply(Variable.OPENAHI_REGION);
    if (!REGION.matcher(region).matches()) {
      problems.add(Variable.OPENAHI_REGION + " must look like an AWS region (e.g. us-east-1), got '" + region + "'");
    }
    String accountId = get.apply(Variable.OPENAHI_ACCOUNT_ID);
    if (!ACCOUNT_ID.matcher(accountId).matches()) {
      problems.add(Variable.OPENAHI_ACCOUNT_ID + " must be 12 digits, got '" + accountId + "'");
    }
    int maxDatastores = integer(get, Variable.OPENAHI_MAX_DATASTORES, 1, Integer.MAX_VALUE, problems);
    int maxRequestBytes = integer(get, Variable.OPENAHI_MAX_REQUEST_BYTES, 1024, Integer.MAX_VALUE - 8, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid configuration:\n  " + String.join("\n  ", problems));
    }
    return new ServerConfig(get.apply(Variable.OPENAHI_BIND), port, dataDirectory, databaseUrl,
        optional(get.apply(Variable.OPENAHI_DATABASE_USER)), optional(get.apply(Variable.OPENAHI_DATABASE_PASSWORD)),
        get.apply(Variable.OPENAHI_ACCESS_KEY_ID), get.apply(Variable.OPENAHI_SECRET_ACCESS_KEY), region, accountId,
        maxDatastores, maxRequestBytes);
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
    described.put("accessKeyId", accessKeyId);
    described.put("secretAccessKey", "****");
    described.put("region", region);
    described.put("accountId", accountId);
    described.put("maxDatastores", Integer.toString(maxDatastores));
    described.put("maxRequestBytes", Long.toString(maxRequestBytes));
    return described;
  }

  public boolean usesDevelopmentCredentials() {
    return accessKeyId.equals(DEFAULT_ACCESS_KEY_ID) && secretAccessKey.equals(DEFAULT_SECRET_ACCESS_KEY);
  }

  private static int integer(Function<Variable, String> get, Variable variable, int min, int max, List<String> problems) {
    String text = get.apply(variable);
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(variable + " must be an integer from " + min + " to " + max + ", got '" + text + "'");
    return min;
  }

  private static Optional<String> optional(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
