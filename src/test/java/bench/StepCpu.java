package bench;

import java.util.List;
import java.util.Optional;

/**
 * CPU time by process over one step: from the start of its load to the end of its drain, so the
 * decisions still being made after the last request count, with everything the processes did
 * meanwhile (the service's scheduled routes, the harness's once-a-second PENDING count).
 *
 * @param windowSeconds how long the measurement lasted
 * @param decided the step's applications decided by the end of it
 * @param processes one entry per process of {@link ProcessCpu#PROCESSES}, measured or not
 */
record StepCpu(double windowSeconds, long decided, List<Use> processes) {

  Optional<Use> of(String process) {
    return processes.stream().filter(use -> use.process().equals(process)).findFirst();
  }

  /** The processes together, null unless every one was measured. */
  Double totalMsPerApplication() {
    if (processes.isEmpty() || processes.stream().anyMatch(use -> use.msPerApplication() == null)) {
      return null;
    }
    return processes.stream().mapToDouble(Use::msPerApplication).sum();
  }

  /** The processes together in cores, null unless every one was measured. */
  Double totalCores() {
    if (processes.isEmpty() || processes.stream().anyMatch(use -> use.cores() == null)) {
      return null;
    }
    return processes.stream().mapToDouble(Use::cores).sum();
  }

  /**
   * One process's share.
   *
   * @param pids the JVM, or the postmaster whose tree is counted; empty when not known
   * @param cpuSeconds user plus system time over the step, null when not measured
   * @param msPerApplication that over the applications decided, null when not measured or none was
   * @param cores that over the window: the cores the process kept busy on average
   * @param note why it was not measured, else empty
   */
  record Use(
      String process,
      List<Long> pids,
      Double cpuSeconds,
      Double msPerApplication,
      Double cores,
      String note) {

    static Use notMeasured(String process, List<Long> pids, String note) {
      return new Use(process, pids, null, null, null, note);
    }
  }
}
