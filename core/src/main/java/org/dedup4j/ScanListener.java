package org.dedup4j;

/**
 * Hears how a scan advances, for progress bars and logs. Methods are called from scan threads,
 * possibly concurrently, so implementations must be thread-safe and quick.
 *
 * <pre>{@code
 * ScanListener log = new ScanListener() {
 *   public void onProgress(long bytesDone) { System.err.print("\r" + bytesDone + " bytes"); }
 * };
 * DedupScanner.builder().listener(log).build().scan(Path.of("disk.img"));
 * }</pre>
 */
public interface ScanListener {

  /**
   * The inputs are known and reading starts.
   *
   * @param totalBytes bytes of all regular files and buffers, or -1 when a stream of unknown length
   *     is among the inputs
   * @param inputs number of inputs to read
   */
  default void onStart(long totalBytes, int inputs) {}

  /**
   * More bytes were chunked. Called at most about once per MiB per thread.
   *
   * @param bytesDone bytes processed so far in this scan
   */
  default void onProgress(long bytesDone) {}

  /**
   * An input could not be read completely; it is also listed in the report.
   *
   * @param path the input
   * @param reason why
   */
  default void onSkipped(String path, String reason) {}
}
