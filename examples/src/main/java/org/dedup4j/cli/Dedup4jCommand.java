package org.dedup4j.cli;

/** The {@code dedup4j} command (placeholder until the command line lands). */
public final class Dedup4jCommand {
  private Dedup4jCommand() {}

  /**
   * Entry point.
   *
   * @param args arguments
   */
  public static void main(String[] args) {
    System.out.println("dedup4j: command line not built yet");
  }
}
