/**
 * The plugins core ships: the {@code fixed} chunker, the {@code sha256} hasher and the {@code
 * deflate} codec, written against the public SPI like any third-party plugin.
 */
package org.dedup4j.internal.builtin;
