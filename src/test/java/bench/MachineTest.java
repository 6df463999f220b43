package bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineTest {

  @Test
  void readsKilobyteFieldsOfProcStatus() {
    var status = "Name:\tjava\nVmHWM:\t  471040 kB\nVmRSS:\t  421888 kB\nThreads:\t64\n";

    assertThat(Machine.kilobytesField(status, "VmRSS").getAsLong()).isEqualTo(421_888);
    assertThat(Machine.kilobytesField(status, "VmHWM").getAsLong()).isEqualTo(471_040);
    assertThat(Machine.kilobytesField(status, "VmSwap")).isEmpty();
  }

  @Test
  void readsThisProcessesResidentSet() {
    assertThat(Machine.processMemoryMb(ProcessHandle.current().pid(), "VmRSS").getAsLong())
        .isPositive();
  }
}
