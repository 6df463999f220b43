package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** The machine a run measured, and the service's memory, from {@code /proc} (Linux). */
final class Machine {

  private Machine() {}

  static Map<String, Object> describe() {
    var machine = new LinkedHashMap<String, Object>();
    machine.put("cpus", Runtime.getRuntime().availableProcessors());
    machine.put("cpuModel", cpuModel());
    machine.put("memoryMb", meminfoMb("MemTotal"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put(
        "java",
        System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vm.name")
            + ", "
            + System.getProperty("java.vendor")
            + ")");
    machine.put("loadAverageAtStart", loadAverage());
    return machine;
  }

  /** The 1, 5 and 15 minute load averages: how busy the machine was apart from the run. */
  static String loadAverage() {
    var text = read(Path.of("/proc/loadavg"));
    if (text == null) {
      return "unknown";
    }
    var fields = text.trim().split("\\s+", -1);
    return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : text.trim();
  }

  /** {@code VmRSS} (resident now) or {@code VmHWM} (peak) of a process, in megabytes. */
  static OptionalLong processMemoryMb(long pid, String field) {
    var text = read(Path.of("/proc", Long.toString(pid), "status"));
    return text == null
        ? OptionalLong.empty()
        : kilobytesField(text, field).stream().map(kb -> kb / 1024).findFirst();
  }

  static OptionalLong kilobytesField(String procText, String field) {
    for (var line : procText.split("\n", -1)) {
      if (line.startsWith(field + ":")) {
        var value = line.substring(field.length() + 1).trim().split("\\s+", -1)[0];
        return OptionalLong.of(Long.parseLong(value));
      }
    }
    return OptionalLong.empty();
  }

  private static Long meminfoMb(String field) {
    var text = read(Path.of("/proc/meminfo"));
    if (text == null) {
      return null;
    }
    var kb = kilobytesField(text, field);
    return kb.isPresent() ? kb.getAsLong() / 1024 : null;
  }

  private static String cpuModel() {
    var text = read(Path.of("/proc/cpuinfo"));
    if (text != null) {
      for (var line : text.split("\n", -1)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    }
    return System.getProperty("os.arch");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return null;
    }
  }
}
