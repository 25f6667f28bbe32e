package org.dedup4j.chunkers;

import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.AbstractChunkerContractTest;

/** The chunker contract for {@code fastcdc2020:min=333,avg=1500,max=9000,level=3,seed=0xdeadbeefcafe}. */
class FastCdc2020Level3SeededContractTest extends AbstractChunkerContractTest {

  @Override
  protected Chunker chunker() {
    return Chunkers.fromSpec("fastcdc2020:min=333,avg=1500,max=9000,level=3,seed=0xdeadbeefcafe");
  }
}
