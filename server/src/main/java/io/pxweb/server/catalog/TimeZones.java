package io.pxweb.server.catalog;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Time zones as PostgreSQL names them in {@code AT TIME ZONE} and the TimeZone setting: a name of
 * the tz database in any case ({@code UTC}, {@code europe/oslo}), or a POSIX offset, whose sign
 * is west of Greenwich ({@code '-05:30'} and {@code 'UTC+3'} are 5:30 east and 3 hours west).
 * PostgreSQL's own abbreviations that are no tz database name ({@code PST}, {@code CEST}) are
 * not known.
 */
public final class TimeZones {
  private static final Map<String, String> NAMES = names();

  private TimeZones() {
  }

  private static Map<String, String> names() {
    Map<String, String> names = new HashMap<>();
    for (String id : ZoneId.getAvailableZoneIds()) {
      names.put(id.toLowerCase(Locale.ROOT), id);
    }
    return Map.copyOf(names);
  }

  /** The zone a PostgreSQL zone name stands for, or null when PostgreSQL's would not read. */
  public static ZoneId zone(String name) {
    if (name == null) {
      return null;
    }
    String n = name.trim();
    String id = NAMES.get(n.toLowerCase(Locale.ROOT));
    if (id != null) {
      return ZoneId.of(id);
    }
    int sign = 0;
    while (sign < n.length() && Character.isLetter(n.charAt(sign))) {
      sign++;
    }
    if (sign == n.length() || sign > 0 && sign < 3) {
      return null;
    }
    return posixOffset(n.substring(sign));
  }

  /** {@code +hh[:mm[:ss]]} or {@code -hh...} (a bare number too), west of Greenwich positive. */
  private static ZoneId posixOffset(String offset) {
    char s = offset.charAt(0);
    boolean west = s != '-';
    String digits = s == '+' || s == '-' ? offset.substring(1) : offset;
    String[] parts = digits.split(":", -1);
    if (parts.length > 3) {
      return null;
    }
    int seconds = 0;
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty() || parts[i].length() > 2 || !parts[i].chars()
          .allMatch(Character::isDigit)) {
        return null;
      }
      seconds += Integer.parseInt(parts[i]) * (i == 0 ? 3600 : i == 1 ? 60 : 1);
    }
    try {
      return ZoneOffset.ofTotalSeconds(west ? -seconds : seconds);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * The offset of a wall clock in a zone; in an hour the zone repeats, the one after the change
   * (PostgreSQL reads such a time so, and a timestamptz is held as the wall clock).
   */
  public static ZoneOffset offset(ZoneId zone, LocalDateTime wallClock) {
    ZoneOffsetTransition change = zone.getRules().getTransition(wallClock);
    return change != null && change.isOverlap() ? change.getOffsetAfter()
        : zone.getRules().getOffset(wallClock);
  }

  /**
   * A wall clock in zone {@code from} as the wall clock in {@code to} at the same instant. A time
   * that {@code from} skips (a spring-forward gap) is read with the offset before the gap, one
   * it repeats with the offset after the change, as PostgreSQL reads them.
   */
  public static LocalDateTime shift(LocalDateTime wallClock, ZoneId from, ZoneId to) {
    return wallClock.atZone(from).withLaterOffsetAtOverlap().withZoneSameInstant(to)
        .toLocalDateTime();
  }
}
