package harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

/**
 * What the child processes of the fault suite and the benchmark share: the test JVM's own {@code
 * java}, a classpath a child can load the test dependencies from, an environment that carries
 * nothing of the test JVM's settings, and the tail of a child's log for failure messages.
 */
public final class ChildJvm {

  /** Enough for a JVM to run; anything else (JAVA_TOOL_OPTIONS, service settings) stays out. */
  private static final List<String> INHERITED_ENVIRONMENT =
      List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR");

  private ChildJvm() {}

  public static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The test classpath as explicit entries. Surefire and Failsafe may start the test JVM from a
   * manifest-only jar, which is deleted when the test JVM exits; the entries it names are expanded
   * so a child does not depend on it.
   */
  public static String classpath() {
    return classpath(System.getProperty("java.class.path"));
  }

  static String classpath(String javaClassPath) {
    var entries = new ArrayList<String>();
    for (var entry : javaClassPath.split(File.pathSeparator, -1)) {
      if (entry.isBlank()) {
        continue;
      }
      var manifestEntries = manifestClassPath(Path.of(entry));
      if (manifestEntries.isEmpty()) {
        entries.add(entry);
      } else {
        entries.addAll(manifestEntries);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  private static List<String> manifestClassPath(Path entry) {
    if (!entry.getFileName().toString().startsWith("surefirebooter")
        || !Files.isRegularFile(entry)) {
      return List.of();
    }
    try (var jar = new JarFile(entry.toFile())) {
      var manifest = jar.getManifest();
      var classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (classPath == null || classPath.isBlank()) {
        return List.of();
      }
      var base = entry.toAbsolutePath().getParent().toUri();
      var expanded = new ArrayList<String>();
      for (var url : classPath.trim().split("\\s+", -1)) {
        expanded.add(Path.of(base.resolve(url)).toString());
      }
      return expanded;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the manifest of " + entry, e);
    }
  }

  public static Map<String, String> baseEnvironment() {
    var environment = new HashMap<String, String>();
    for (var name : INHERITED_ENVIRONMENT) {
      var value = System.getenv(name);
      if (value != null) {
        environment.put(name, value);
      }
    }
    return environment;
  }

  /**
   * The command line of a child JVM: this JVM's {@code java}, the options, the test {@link
   * #classpath()} and the main class with its arguments.
   */
  public static List<String> command(
      List<String> jvmOptions, String mainClass, String... arguments) {
    var command = new ArrayList<String>();
    command.add(java());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath());
    command.add(mainClass);
    command.addAll(List.of(arguments));
    return command;
  }

  /**
   * A child whose environment is the {@link #baseEnvironment()} plus the given variables, and whose
   * standard output and error are both appended to the log file.
   */
  public static ProcessBuilder processBuilder(
      List<String> command, Map<String, String> environment, Path logFile) {
    var builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().clear();
    builder.environment().putAll(baseEnvironment());
    builder.environment().putAll(environment);
    return builder;
  }

  static List<String> lines(Path file) {
    return lines(file, 0);
  }

  /**
   * The complete lines of the file from a byte offset on; a line still being written is left out.
   */
  static List<String> lines(Path file, long fromByte) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      var bytes = Files.readAllBytes(file);
      int from = (int) Math.min(fromByte, bytes.length);
      var text = new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  static String tail(Path file, int count) {
    return tail(file, 0, count);
  }

  static String tail(Path file, long fromByte, int count) {
    var lines = lines(file, fromByte);
    var tail = lines.subList(Math.max(0, lines.size() - count), lines.size());
    return "last " + tail.size() + " lines of " + file + ":\n" + String.join("\n", tail);
  }
}
