package org.dedup4j.cli;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGINT and SIGTERM in a scan: the first asks the scan to stop, so that it reports what it read
 * (marked partial) and exits 130 or 143; a second ends the process at once, with the same code.
 *
 * <p>Installed by {@code scan} and {@code compare} (the commands that can report what they read so
 * far), and only when
 * {@code main} allowed it (a JVM of its own): tests that run commands in-process keep their JVM's
 * handlers, and the other commands keep the JVM's (exit at once, spill folders removed). Reached through reflection, because {@code sun.misc.Signal} (module
 * jdk.unsupported, in every JDK since 1.2) is an internal API that {@code -Werror} builds would
 * warn about; where it is missing, the JVM's own handling stays (exit at once, spill folders
 * removed by the shutdown hook).
 */
final class Interrupts {

  /** The exit code of the first signal (130 SIGINT, 143 SIGTERM), 0 while none came. */
  private static final AtomicInteger SIGNALLED = new AtomicInteger();
  private static volatile boolean installed;
  private static volatile boolean allowed;
  private static volatile PrintStream err = System.err;

  private Interrupts() {}

  /** Lets {@link #install} take over the signals: {@code main} calls it, in a JVM of its own. */
  static void allow() {
    allowed = true;
  }

  /**
   * Takes over SIGINT and SIGTERM for this process if allowed, saying "stopping" on {@code
   * stream} when one comes.
   */
  static void install(PrintStream stream) {
    err = stream;
    if (!allowed || installed) {
      return;
    }
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Method handle = signal.getMethod("handle", signal, handler);
      for (String name : new String[] {"INT", "TERM"}) {
        int code = name.equals("INT") ? 130 : 143;
        Object h = Proxy.newProxyInstance(Interrupts.class.getClassLoader(),
            new Class<?>[] {handler}, (proxy, method, args) -> {
              if (method.getName().equals("handle")) {
                received(name, code);
                return null;
              }
              return method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                  : method.getName().equals("equals") ? proxy == args[0] : "Interrupts(" + name + ")";
            });
        try {
          handle.invoke(null, signal.getConstructor(String.class).newInstance(name), h);
          installed = true;
        } catch (ReflectiveOperationException e) {
          // A signal the process ignores (SIGINT of a background job, nohup) stays ignored.
        }
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // no sun.misc.Signal: the JVM's own handling stays
    }
  }

  private static void received(String name, int code) {
    if (!SIGNALLED.compareAndSet(0, code)) {
      // The second: at once. System.exit runs the shutdown hooks, which remove spill folders.
      new Thread(() -> System.exit(SIGNALLED.get()), "dedup4j-exit").start();
      return;
    }
    err.println();
    err.println("dedup4j: SIG" + name + ": stopping; the report will be of what was read so far"
        + " (again to quit at once)");
  }

  /** Whether a signal asked the scan to stop. */
  static boolean stopRequested() {
    return SIGNALLED.get() != 0;
  }

  /**
   * The exit code a stopped command returns (130, 143), or {@code code} if no signal came.
   *
   * @param code the command's own exit code
   */
  static int exitCode(int code) {
    int s = SIGNALLED.get();
    return s == 0 ? code : s;
  }
}
