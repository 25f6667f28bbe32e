package org.dedup4j.chunkers;

import org.dedup4j.Chunkers;
import org.dedup4j.spi.Chunker;
import org.dedup4j.testkit.AbstractChunkerContractTest;

/** The chunker contract for {@code fastcdc2016:min=256,avg=1k,max=8k,level=2}. */
class FastCdc2016ContractTest extends AbstractChunkerContractTest {

  @Override
  protected Chunker chunker() {
    return Chunkers.fromSpec("fastcdc2016:min=256,avg=1k,max=8k,level=2");
  }
}
