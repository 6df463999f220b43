package bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU time of the run's processes, from {@code /proc/<pid>/stat} (Linux): user plus system time of
 * every thread. Everything shares the machine's cores, so the figure that bounds throughput is CPU
 * time per application, process by process.
 *
 * <p>A JVM counts its own time. PostgreSQL is a process tree (the postmaster, its backends and
 * background workers), so it counts every live process under the postmaster plus the time of
 * children that have exited and been reaped ({@code cutime} and {@code cstime}): a backend whose
 * connection closes mid-step keeps its time in the sum.
 */
final class ProcessCpu {

  static final String SERVICE = "service";
  static final String POSTGRES = "PostgreSQL";
  static final String KAFKA = "Kafka broker";
  static final String LOAD_GENERATOR = "load generator";

  /** The order of the columns in the results. */
  static final List<String> PROCESSES = List.of(SERVICE, POSTGRES, KAFKA, LOAD_GENERATOR);

  /** The kernel's USER_HZ on every mainstream Linux ABI, if {@code getconf} cannot say. */
  private static final long DEFAULT_TICKS_PER_SECOND = 100;

  private static final Path PROC = Path.of("/proc");

  private final List<Group> groups;
  private final long ticksPerSecond;

  private ProcessCpu(List<Group> groups, long ticksPerSecond) {
    this.groups = List.copyOf(groups);
    this.ticksPerSecond = ticksPerSecond;
  }

  /** Measures the given groups; without {@code /proc} every snapshot is empty. */
  static ProcessCpu of(List<Group> groups) {
    return new ProcessCpu(groups, ticksPerSecond());
  }

  static boolean available() {
    return Files.isReadable(PROC.resolve("self/stat"));
  }

  /**
   * What to measure: processes whose times are summed, or with {@code withDescendants} the trees
   * under them. No pids means the process is not known in this run; {@code unknownNote} says why.
   */
  record Group(String name, List<Long> pids, boolean withDescendants, String unknownNote) {

    static Group process(String name, long pid) {
      return processes(name, List.of(pid));
    }

    /** Several instances of one role counted as one: what the role costs, however it is spread. */
    static Group processes(String name, List<Long> pids) {
      if (pids.isEmpty()) {
        throw new IllegalArgumentException("A group of processes needs at least one: " + name);
      }
      return new Group(name, List.copyOf(pids), false, "");
    }

    static Group tree(String name, long rootPid) {
      return new Group(name, List.of(rootPid), true, "");
    }

    static Group unknown(String name, String note) {
      return new Group(name, List.of(), false, note);
    }
  }

  /** The fields of one {@code /proc/<pid>/stat} line that matter here, times in clock ticks. */
  record Stat(long pid, String command, long parentPid, long ownTicks, long reapedChildrenTicks) {

    /**
     * Field 2, the command, is in parentheses and may itself hold spaces and parentheses, so the
     * fields are counted from the last {@code )}: state (3), ppid (4), … utime (14), stime (15),
     * cutime (16), cstime (17).
     */
    static Optional<Stat> parse(String line) {
      int open = line.indexOf('(');
      int close = line.lastIndexOf(')');
      if (open < 1 || close < open) {
        return Optional.empty();
      }
      var fields = line.substring(close + 1).trim().split("\\s+", -1);
      if (fields.length < 15) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new Stat(
                Long.parseLong(line.substring(0, open).trim()),
                line.substring(open + 1, close),
                Long.parseLong(fields[1]),
                Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                Long.parseLong(fields[13]) + Long.parseLong(fields[14])));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * Each group's CPU ticks so far, from one reading of every process; a group is left out when one
   * of its processes is gone (or was never known).
   */
  static Map<String, Long> ticks(List<Group> groups, Collection<Stat> processes) {
    var byPid = new LinkedHashMap<Long, Stat>();
    processes.forEach(stat -> byPid.put(stat.pid(), stat));
    var ticks = new LinkedHashMap<String, Long>();
    for (var group : groups) {
      if (group.pids().isEmpty() || !byPid.keySet().containsAll(group.pids())) {
        continue;
      }
      long sum = 0;
      for (long pid : group.pids()) {
        sum +=
            group.withDescendants()
                ? tree(pid, processes).stream()
                    .mapToLong(stat -> stat.ownTicks() + stat.reapedChildrenTicks())
                    .sum()
                : byPid.get(pid).ownTicks();
      }
      ticks.put(group.name(), sum);
    }
    return ticks;
  }

  /** The process and all its live descendants. */
  static List<Stat> tree(long rootPid, Collection<Stat> processes) {
    var members = new HashSet<Long>(List.of(rootPid));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (var stat : processes) {
        if (members.contains(stat.parentPid()) && members.add(stat.pid())) {
          grew = true;
        }
      }
    }
    return processes.stream().filter(stat -> members.contains(stat.pid())).toList();
  }

  /** One reading of the groups' CPU time, with when it was taken. */
  record Snapshot(long nanoTime, Map<String, Long> ticks) {}

  Snapshot snapshot() {
    long now = System.nanoTime();
    if (!available()) {
      return new Snapshot(now, Map.of());
    }
    return new Snapshot(now, ticks(groups, readAll()));
  }

  /** Each process's CPU between two snapshots, per application decided in between. */
  StepCpu between(Snapshot before, Snapshot after, long decided) {
    return usage(
        groups,
        before.ticks(),
        after.ticks(),
        ticksPerSecond,
        (after.nanoTime() - before.nanoTime()) / 1e9,
        decided,
        available());
  }

  static StepCpu usage(
      List<Group> groups,
      Map<String, Long> before,
      Map<String, Long> after,
      long ticksPerSecond,
      double windowSeconds,
      long decided,
      boolean procAvailable) {
    var processes = new ArrayList<StepCpu.Use>();
    for (var group : groups) {
      Long start = before.get(group.name());
      Long end = after.get(group.name());
      if (!procAvailable || start == null || end == null) {
        var note =
            !procAvailable
                ? "no /proc on this machine"
                : group.pids().isEmpty() ? group.unknownNote() : "process gone during the step";
        processes.add(StepCpu.Use.notMeasured(group.name(), group.pids(), note));
        continue;
      }
      double seconds = (double) (end - start) / ticksPerSecond;
      processes.add(
          new StepCpu.Use(
              group.name(),
              group.pids(),
              seconds,
              decided > 0 ? seconds * 1000 / decided : null,
              windowSeconds > 0 ? seconds / windowSeconds : null,
              ""));
    }
    return new StepCpu(windowSeconds, decided, processes);
  }

  /**
   * The PostgreSQL server's postmaster, found as the parent of a backend of ours when the server
   * runs on this machine: empty if that backend is not a local {@code postgres} process (a remote
   * server, or one in a container with pids of its own).
   */
  static OptionalLong postmasterOf(long backendPid) {
    var backend = read(backendPid);
    if (backend.isEmpty() || !isPostgres(backend.get())) {
      return OptionalLong.empty();
    }
    var postmaster = read(backend.get().parentPid());
    return postmaster.isPresent() && isPostgres(postmaster.get())
        ? OptionalLong.of(postmaster.get().pid())
        : OptionalLong.empty();
  }

  private static boolean isPostgres(Stat stat) {
    return stat.command().startsWith("postgres") || stat.command().startsWith("postmaster");
  }

  private static Optional<Stat> read(long pid) {
    try {
      return Stat.parse(
          Files.readString(
              PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static List<Stat> readAll() {
    try (Stream<Path> entries = Files.list(PROC)) {
      return entries
          .map(path -> path.getFileName().toString())
          .filter(name -> !name.isEmpty() && name.chars().allMatch(Character::isDigit))
          // A process that exits between the listing and the read simply is not there.
          .flatMap(name -> read(Long.parseLong(name)).stream())
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** {@code getconf CLK_TCK}, the unit of the times in {@code /proc/<pid>/stat}. */
  private static long ticksPerSecond() {
    try {
      var process = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0) {
        return Long.parseLong(output.trim());
      }
    } catch (IOException | NumberFormatException e) {
      // The default below.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return DEFAULT_TICKS_PER_SECOND;
  }
}
