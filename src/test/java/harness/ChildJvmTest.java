package harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM gets the real test classpath even when Surefire started the tests from a manifest.
 */
class ChildJvmTest {

  @TempDir Path temp;

  @Test
  void manifestOnlyBooterJarIsExpandedIntoItsEntries() throws IOException {
    var booter = temp.resolve("tmp").resolve("surefirebooter-20251128-1.jar");
    var absolute = temp.resolve("repo").resolve("kafka_2.13-3.9.1.jar");
    manifestJar(booter, absolute.toUri() + " ../target/test-classes/ ../with%20space/a.jar");

    var classpath = ChildJvm.classpath(booter.toString());

    assertThat(classpath.split(File.pathSeparator))
        .containsExactly(
            absolute.toString(),
            temp.resolve("target").resolve("test-classes").toString(),
            temp.resolve("with space").resolve("a.jar").toString());
  }

  @Test
  void anOrdinaryClasspathIsPassedOnAsItIs() throws IOException {
    var library = temp.resolve("library.jar");
    manifestJar(library, "other.jar");
    var classpath =
        String.join(
            File.pathSeparator, "target/test-classes", library.toString(), "target/classes");

    assertThat(ChildJvm.classpath(classpath)).isEqualTo(classpath);
  }

  @Test
  void logLinesAreOnlyCompleteLinesFromTheOffset() throws IOException {
    var log = temp.resolve("child.log");
    Files.writeString(log, "earlier run\nfirst\nsecond\npartial");
    long offset = "earlier run\n".length();

    assertThat(ChildJvm.lines(log, offset)).containsExactly("first", "second");
    assertThat(ChildJvm.lines(temp.resolve("missing.log"))).isEmpty();
    assertThat(ChildJvm.tail(log, 1)).endsWith("\nsecond");
  }

  private static void manifestJar(Path jar, String classPath) throws IOException {
    Files.createDirectories(jar.getParent());
    var manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.flush();
    }
  }
}
