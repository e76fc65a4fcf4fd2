package dev.courier.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one reliability run, printed as one {@code FIGURES} line and appended to
 * {@code target/reliability-figures.txt}, with the machine's load average, for docs/reliability.md.
 */
public final class Figures {

  private final String row;
  private final Map<String, Object> values = new LinkedHashMap<>();

  private Figures(String row) {
    this.row = row;
  }

  public static Figures of(String row) {
    return new Figures(row);
  }

  public Figures put(String name, Object value) {
    values.put(name, value);
    return this;
  }

  /** Prints and appends the line; also returns it. */
  public String record() {
    put("loadavg", loadAverage());
    String line = Instant.now() + " FIGURES " + row + ": " + values.entrySet().stream()
      .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    System.out.println(line);
    try {
      Path file = Path.of("target", "reliability-figures.txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return line;
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + "/" + parts[1] + "/" + parts[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
