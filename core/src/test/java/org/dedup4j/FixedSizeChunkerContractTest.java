package org.dedup4j;

import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.AbstractChunkerContractTest;

/** The chunker contract for the built-in {@code fixed} chunker. */
class FixedSizeChunkerContractTest extends AbstractChunkerContractTest {

  @Override
  protected Chunker chunker() {
    return Chunkers.fromSpec("fixed:size=1000");
  }
}
