package org.openahi.core.dicomweb;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openahi.core.error.InvalidRequest;
import org.openahi.core.imageset.QidoQuery;
import org.openahi.dicom.dict.Dictionary;
import org.openahi.dicom.dict.DictionaryEntry;

/**
 * A QIDO-RS request's query parameters (PS3.18 §8.3.4): matching keys by keyword or eight hex digits,
 * {@code limit}, {@code offset}, {@code includefield} and {@code fuzzymatching}. Anything else is a 400 naming it.
 */
record QidoParameters(List<QidoQuery.Match> matches, int offset, int limit, boolean fuzzyMatchingRequested) {
  /** AHI's cap: no more than this many records can be reached through QIDO-RS (ahi-behaviour §11). */
  static final int MAX_RESULTS = 10_000;
  private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,18}");
  private static final Pattern TAG = Pattern.compile("[0-9A-Fa-f]{8}");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
      .withResolverStyle(ResolverStyle.STRICT);

  static QidoParameters parse(QidoLevel level, Map<String, List<String>> parameters) {
    List<QidoQuery.Match> matches = new ArrayList<>();
    int offset = 0;
    Optional<Integer> limit = Optional.empty();
    boolean fuzzy = false;
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      String name = parameter.getKey();
      String value = single(name, parameter.getValue());
      switch (name) {
        case "limit" -> limit = Optional.of(count(name, value, 1));
        case "offset" -> offset = count(name, value, 0);
        case "fuzzymatching" -> fuzzy = bool(name, value);
        case "includefield" -> parameter.getValue().forEach(QidoParameters::checkIncludeFields);
        default -> match(level, name, value).ifPresent(matches::add);
      }
    }
    int reachable = Math.max(0, MAX_RESULTS - offset);
    return new QidoParameters(matches, offset, Math.min(limit.orElse(reachable), reachable), fuzzy);
  }

  /** True when the cap, not the data, may have ended the results at this page. */
  boolean endsAtCap() {
    return offset + limit >= MAX_RESULTS;
  }

  private static String single(String name, List<String> values) {
    if (values.size() > 1 && !name.equals("includefield")) {
      throw new InvalidRequest("Query parameter " + name + " is given " + values.size() + " times");
    }
    return values.get(0);
  }

  private static Optional<QidoQuery.Match> match(QidoLevel level, String name, String value) {
    QidoAttribute attribute = attribute(name)
        .orElseThrow(() -> new InvalidRequest("Unknown query key " + name));
    if (!level.accepts(attribute)) {
      throw new InvalidRequest("Query key " + name + " is not supported when searching "
          + level.name().toLowerCase(Locale.ROOT) + (level == QidoLevel.STUDY ? "ies" : "s"));
    }
    return condition(attribute, name, value);
  }

  /**
   * The condition a value of the attribute puts on the index, or empty for universal matching (an empty value or
   * {@code *}); InvalidRequest, naming {@code name}, when the value cannot be read.
   */
  static Optional<QidoQuery.Match> condition(QidoAttribute attribute, String name, String value) {
    String trimmed = value.strip();
    if (trimmed.isEmpty() || trimmed.equals("*")) {
      return Optional.empty(); // universal matching: the attribute is returned, nothing is filtered
    }
    QidoQuery.Key key = attribute.key;
    return Optional.of(switch (attribute.matching) {
      case PERSON_NAME -> new QidoQuery.Like(key, trimmed);
      case TEXT -> isWildcard(trimmed) ? new QidoQuery.Like(key, trimmed) : new QidoQuery.AnyOf(key, List.of(trimmed));
      case CODE_LIST -> isWildcard(trimmed) ? new QidoQuery.Like(key, trimmed) : new QidoQuery.AnyOf(key, list(trimmed));
      case UID_LIST -> new QidoQuery.AnyOf(key, checked(name, list(trimmed), UID, "a UID"));
      case INTEGER_LIST -> new QidoQuery.AnyOf(key, checked(name, list(trimmed), INTEGER, "an integer").stream()
          .map(number -> Long.toString(Long.parseLong(number.startsWith("+") ? number.substring(1) : number)))
          .toList());
      case DATE -> dateRange(key, name, trimmed);
    });
  }

  /** A keyword (PatientID) or a tag as eight hex digits (00100020). */
  private static Optional<QidoAttribute> attribute(String name) {
    if (TAG.matcher(name).matches()) {
      return QidoAttribute.of(HexFormat.fromHexDigits(name));
    }
    DictionaryEntry entry = Dictionary.forKeyword(name);
    return entry == null ? Optional.empty() : QidoAttribute.of(entry.tag());
  }

  private static boolean isWildcard(String value) {
    return value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
  }

  private static List<String> list(String value) {
    return Arrays.stream(value.split("[,\\\\]")).map(String::strip).filter(item -> !item.isEmpty()).toList();
  }

  private static List<String> checked(String name, List<String> values, Pattern pattern, String what) {
    for (String item : values) {
      if (!pattern.matcher(item).matches()) {
        throw new InvalidRequest("Query key " + name + ": '" + item + "' is not " + what);
      }
    }
    return values;
  }

  /** {@code a}, {@code a-b}, {@code -b} or {@code a-}, each yyyyMMdd. */
  private static QidoQuery.InRange dateRange(QidoQuery.Key key, String name, String value) {
    int dash = value.indexOf('-');
    if (dash < 0) {
      String date = date(name, value);
      return new QidoQuery.InRange(key, Optional.of(date), Optional.of(date));
    }
    String from = value.substring(0, dash).strip();
    String to = value.substring(dash + 1).strip();
    if (from.isEmpty() && to.isEmpty()) {
      throw new InvalidRequest("Query key " + name + ": a range needs at least one date (yyyyMMdd)");
    }
    return new QidoQuery.InRange(key, from.isEmpty() ? Optional.empty() : Optional.of(date(name, from)),
        to.isEmpty() ? Optional.empty() : Optional.of(date(name, to)));
  }

  private static String date(String name, String value) {
    try {
      LocalDate.parse(value, DATE);
      return value;
    } catch (DateTimeParseException e) {
      throw new InvalidRequest("Query key " + name + ": '" + value + "' is not a date (yyyyMMdd)");
    }
  }

  private static int count(String name, String value, int minimum) {
    try {
      int number = Integer.parseInt(value.strip());
      if (number >= minimum) {
        return number;
      }
    } catch (NumberFormatException e) {
      // worded below
    }
    throw new InvalidRequest("Query parameter " + name + " must be an integer of at least " + minimum + ", not '"
        + value + "'");
  }

  private static boolean bool(String name, String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidRequest("Query parameter " + name + " must be true or false, not '" + value + "'");
    };
  }

  /** {@code all} or keywords / tags of the dictionary; what the index holds is returned either way. */
  private static void checkIncludeFields(String value) {
    for (String field : value.split(",")) {
      String name = field.strip();
      boolean known = name.equals("all") || (TAG.matcher(name).matches()
          ? Dictionary.entry(HexFormat.fromHexDigits(name)) != null : Dictionary.forKeyword(name) != null);
      if (!known) {
        throw new InvalidRequest("includefield: unknown attribute '" + name + "'");
      }
    }
  }
}
