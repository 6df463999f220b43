package bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JVM options the container image gives the service ({@code ENV JAVA_OPTS} in the Dockerfile),
 * which the local run uses too unless told otherwise: the figures are then those of the JVM that is
 * deployed.
 */
final class ContainerJvmOptions {

  private static final Pattern JAVA_OPTS = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"\\s*$");

  private ContainerJvmOptions() {}

  static List<String> of(Path dockerfile) {
    try {
      var matcher = JAVA_OPTS.matcher(Files.readString(dockerfile));
      if (!matcher.find()) {
        throw new IllegalStateException(dockerfile + " sets no JAVA_OPTS");
      }
      return List.copyOf(Arrays.asList(matcher.group(1).trim().split("\\s+", -1)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dockerfile, e);
    }
  }
}
