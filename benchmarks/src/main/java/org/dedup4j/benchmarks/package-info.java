/** JMH benchmarks. */
package org.dedup4j.benchmarks;
