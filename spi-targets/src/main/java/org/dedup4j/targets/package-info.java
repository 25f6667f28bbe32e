/**
 * Target plugins: models of storage systems for {@code dedup4j scan --target SPEC}. Each is a
 * {@link org.dedup4j.spi.TargetProvider} registered in {@code
 * META-INF/services/org.dedup4j.spi.TargetProvider}; see {@code docs/targets.md} for every rule
 * and its source.
 */
package org.dedup4j.targets;
